package dev.twine.internet.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first: what a server presents, or a client that
 * authenticates with a certificate (Twisted's {@code PrivateCertificate}).
 *
 * <pre>{@code
 * CertifiedKey key = CertifiedKey.load(Path.of("key.pem"), Path.of("cert.pem"), Path.of("chain.pem"));
 * reactor.listenTls(8443, factory, TlsServerOptions.of(key));
 * }</pre>
 *
 * <p>Creating one checks that the key belongs to the leaf certificate, so a mismatched pair fails
 * at start-up rather than in every handshake.
 *
 * @param key the private key: RSA, EC or EdDSA
 * @param chain the certificates, the one for {@code key} first, then its issuers in order
 */
public record CertifiedKey(PrivateKey key, List<X509Certificate> chain) {

  /**
   * Copies the chain and checks it.
   *
   * @throws IllegalArgumentException if the chain is empty
   * @throws KeyMaterialException if the key does not belong to the first certificate
   */
  public CertifiedKey {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certified key needs at least one certificate");
    }
    checkMatch(key, chain.get(0), "the key for " + chain.get(0).getSubjectX500Principal().getName());
  }

  /**
   * Reads a private key and its certificates from PEM files: exactly one private key among them,
   * and the certificates in the order the files and their blocks come, leaf first. One file may
   * hold everything, or the key, the certificate and the extra chain may each have their own, as
   * with Twisted's {@code privateKey}, {@code certKey} and {@code extraCertChain}. A file given
   * twice is read once.
   *
   * @throws KeyMaterialException naming the file if one cannot be read, the key is missing,
   *     encrypted or repeated, there is no certificate, or they do not match
   */
  public static CertifiedKey load(Path... files) {
    if (files.length == 0) {
      throw new IllegalArgumentException("name at least one PEM file");
    }
    PrivateKey key = null;
    List<X509Certificate> chain = new ArrayList<>();
    List<Pem.Block> all = new ArrayList<>();
    for (Path file : new LinkedHashSet<>(List.of(files))) {
      List<Pem.Block> blocks = Pem.blocks(Pem.read(file), file.toString());
      all.addAll(blocks);
      PrivateKey found = Pem.privateKey(blocks, file.toString()).orElse(null);
      if (found != null && key != null) {
        throw new KeyMaterialException("more than one private key in " + List.of(files), null);
      }
      key = found != null ? found : key;
      chain.addAll(Pem.certificates(blocks, file.toString()));
    }
    return build(key, chain, List.of(files).toString(), all);
  }

  /**
   * Reads a private key and its certificates, leaf first, from PEM text.
   *
   * @throws KeyMaterialException as {@link #load} does
   */
  public static CertifiedKey fromPem(String pem) {
    List<Pem.Block> blocks = Pem.blocks(pem, "the PEM text");
    return build(Pem.privateKey(blocks, "the PEM text").orElse(null),
        Pem.certificates(blocks, "the PEM text"), "the PEM text", blocks);
  }

  private static CertifiedKey build(
      PrivateKey key, List<X509Certificate> chain, String source, List<Pem.Block> blocks) {
    if (key == null) {
      throw new KeyMaterialException(source + " holds no private key (found " + Pem.kinds(blocks) + ")", null);
    }
    if (chain.isEmpty()) {
      throw new KeyMaterialException(source + " holds no certificate (found " + Pem.kinds(blocks) + ")", null);
    }
    try {
      return new CertifiedKey(key, chain);
    } catch (KeyMaterialException e) {
      throw new KeyMaterialException(source + ": " + e.getMessage(), e.getCause());
    }
  }

  /** Returns the leaf certificate, the one the key belongs to. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Describes the certificate without showing the key. */
  @Override
  public String toString() {
    return "CertifiedKey[" + certificate().getSubjectX500Principal().getName() + ", "
        + key.getAlgorithm() + " key, " + chain.size() + " certificate(s)]";
  }

  private static void checkMatch(PrivateKey key, X509Certificate certificate, String what) {
    PublicKey pub = certificate.getPublicKey();
    if (key instanceof RSAKey rsa && pub instanceof RSAKey rsaPublic) {
      if (!rsa.getModulus().equals(rsaPublic.getModulus())) {
        throw mismatch(what);
      }
      return;
    }
    String family = KeyTypes.family(key.getAlgorithm());
    if (!family.equals(KeyTypes.family(pub.getAlgorithm()))) {
      throw new KeyMaterialException(what + " does not match its certificate: the key is "
          + key.getAlgorithm() + " but the certificate's key is " + pub.getAlgorithm(), null);
    }
    String algorithm = family.equals("EC") ? "SHA256withECDSA" : "EdDSA";
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(challenge);
      if (!verifier.verify(signer.sign())) {
        throw mismatch(what);
      }
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException(what + " cannot be checked against its certificate: " + e.getMessage(), e);
    }
  }

  private static KeyMaterialException mismatch(String what) {
    return new KeyMaterialException(what + " does not match its certificate: they are not one key pair", null);
  }
}
