package dev.twine.web.client;

import dev.twine.internet.tls.CertifiedKey;
import dev.twine.internet.tls.TlsClientOptions;
import dev.twine.internet.tls.TlsServerOptions;
import dev.twine.internet.tls.TrustRoots;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Certificates for the HTTPS tests, made once per run with Bouncy Castle: a test CA, and a
 * server certificate it issued for {@code localhost} and {@code example.com} only, so that
 * reaching the same server as {@code 127.0.0.1} shows a certificate that does not name the host.
 * EC keys, for speed.
 */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A key pair and its certificate, signed by {@code issuer} (itself for a CA). */
  record Issued(KeyPair keys, X509Certificate certificate) {
    CertifiedKey certifiedKey() {
      return new CertifiedKey(keys.getPrivate(), List.of(certificate));
    }

    /** The certificate as PEM. */
    String certificatePem() {
      return pem(certificate);
    }

    /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    String keyPem() {
      try {
        return pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
      } catch (PemGenerationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final Issued CA = authority();
  static final Issued SERVER_CERTIFICATE = issue(CA, "localhost", "localhost", "example.com");
  static final TrustRoots ROOTS = TrustRoots.of(List.of(CA.certificate()));
  static final TlsServerOptions SERVER = TlsServerOptions.of(SERVER_CERTIFICATE.certifiedKey());
  static final TlsClientOptions CLIENT = TlsClientOptions.DEFAULT.withTrustRoots(ROOTS);

  private TestCertificates() {}

  private static Issued authority() {
    KeyPair keys = ec();
    X500Name name = new X500Name("CN=Twine Web Test CA");
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
        keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(keys, sign(builder, keys.getPrivate()));
  }

  /** Issues a certificate for the DNS names {@code names}, signed by {@code issuer}. */
  static Issued issue(Issued issuer, String commonName, String... names) {
    KeyPair keys = ec();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(),
        serial(), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + commonName),
        keys.getPublic());
    GeneralName[] general = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      general[i] = new GeneralName(GeneralName.dNSName, names[i]);
    }
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(keys, sign(builder, issuer.keys().getPrivate()));
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
