package dev.twine.internet.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made on the fly for the TLS tests: a CA, and certificates it issues for servers
 * and clients, written as PEM in the forms OpenSSL writes.
 */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A key pair with its certificate and the issuer's chain above it. */
  record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> issuers) {
    CertifiedKey certifiedKey() {
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(certificate);
      chain.addAll(issuers);
      return new CertifiedKey(keys.getPrivate(), chain);
    }

    /** The key (PKCS#8) followed by the chain, in one PEM text. */
    String pem() {
      return pkcs8(keys.getPrivate()) + chainPem();
    }

    String chainPem() {
      StringBuilder text = new StringBuilder(TestCertificates.pem(certificate));
      issuers.forEach(issuer -> text.append(TestCertificates.pem(issuer)));
      return text.toString();
    }

    /** A CA's issue: a certificate for {@code names} (DNS names or IPv4 addresses) signed by this one. */
    Issued issue(String commonName, KeyPair subjectKeys, Instant notBefore, Instant notAfter, String... names) {
      return TestCertificates.issue(this, commonName, subjectKeys, notBefore, notAfter, false, names);
    }

    Issued issue(String commonName, String... names) {
      Instant now = Instant.now();
      return issue(commonName, rsa(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), names);
    }

    Issued intermediate(String commonName) {
      Instant now = Instant.now();
      return TestCertificates.issue(this, commonName, rsa(), now.minus(Duration.ofDays(1)),
          now.plus(Duration.ofDays(30)), true);
    }
  }

  private TestCertificates() {}

  /** A new self-signed certificate authority. */
  static Issued authority(String commonName) {
    KeyPair keys = rsa();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + commonName);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Issued(keys, sign(builder, keys.getPrivate()), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Issued issue(Issued issuer, String commonName, KeyPair subjectKeys, Instant notBefore,
      Instant notAfter, boolean ca, String... names) {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
        Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + commonName), subjectKeys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (names.length > 0) {
        GeneralName[] general = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
          general[i] = names[i].matches("[0-9.]+")
              ? new GeneralName(GeneralName.iPAddress, names[i]) : new GeneralName(GeneralName.dNSName, names[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<X509Certificate> above = new ArrayList<>();
    if (!isSelfSigned(issuer.certificate())) {
      above.add(issuer.certificate());
      above.addAll(issuer.issuers());
    }
    return new Issued(subjectKeys, sign(builder, issuer.keys().getPrivate()), List.copyOf(above));
  }

  private static boolean isSelfSigned(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  static KeyPair rsa() {
    return generate("RSA", null);
  }

  static KeyPair ec() {
    return generate("EC", new ECGenParameterSpec("secp256r1"));
  }

  static KeyPair ed25519() {
    return generate("Ed25519", null);
  }

  private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        generator.initialize(spec);
      } else if (algorithm.equals("RSA")) {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      String algorithm = switch (issuerKey.getAlgorithm()) {
        case "EC" -> "SHA256withECDSA";
        case "Ed25519", "EdDSA" -> "Ed25519";
        default -> "SHA256withRSA";
      };
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  /** The PEM of a certificate. */
  static String pem(X509Certificate certificate) {
    return write(certificate);
  }

  /** A private key as OpenSSL's traditional PEM: PKCS#1 for RSA, SEC1 (with its curve) for EC. */
  static String traditional(PrivateKey key) {
    return write(key);
  }

  /** A private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  static String pkcs8(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null).generate());
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Writes {@code text} to {@code name} in {@code directory} and returns the path. */
  static Path write(Path directory, String name, String text) {
    try {
      return Files.writeString(directory.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
