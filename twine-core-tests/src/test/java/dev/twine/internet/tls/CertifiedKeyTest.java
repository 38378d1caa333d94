package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertifiedKeyTest {
  private static final TestCertificates.Issued CA = TestCertificates.authority("PEM Test CA");
  private static final Path NOWHERE = Path.of("/nonexistent/twine/key.pem");

  @TempDir
  Path directory;

  private static TestCertificates.Issued issued(KeyPair keys) {
    java.time.Instant now = java.time.Instant.now();
    return CA.issue("server", keys, now.minusSeconds(60), now.plusSeconds(3600), "localhost");
  }

  @Test
  void readsAnRsaKeyInPkcs8() {
    TestCertificates.Issued rsa = issued(TestCertificates.rsa());
    CertifiedKey key = CertifiedKey.fromPem(TestCertificates.pkcs8(rsa.keys().getPrivate()) + rsa.chainPem());
    assertThat(key.key().getAlgorithm()).isEqualTo("RSA");
    assertThat(key.key().getEncoded()).isEqualTo(rsa.keys().getPrivate().getEncoded());
    assertThat(key.chain()).containsExactly(rsa.certificate());
  }

  @Test
  void readsAnRsaKeyInPkcs1() {
    TestCertificates.Issued rsa = issued(TestCertificates.rsa());
    String pem = TestCertificates.traditional(rsa.keys().getPrivate());
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    CertifiedKey key = CertifiedKey.fromPem(pem + rsa.chainPem());
    assertThat(key.key().getEncoded()).isEqualTo(rsa.keys().getPrivate().getEncoded());
  }

  @Test
  void readsAnEcKeyInPkcs8AndInSec1WithItsParametersBlock() {
    TestCertificates.Issued ec = issued(TestCertificates.ec());
    String sec1 = TestCertificates.traditional(ec.keys().getPrivate());
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
    String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    CertifiedKey fromPkcs8 = CertifiedKey.fromPem(TestCertificates.pkcs8(ec.keys().getPrivate()) + ec.chainPem());
    CertifiedKey fromSec1 = CertifiedKey.fromPem(parameters + sec1 + ec.chainPem());

    assertThat(fromPkcs8.key().getAlgorithm()).isEqualTo("EC");
    assertThat(fromSec1.key().getAlgorithm()).isEqualTo("EC");
    assertThat(((java.security.interfaces.ECPrivateKey) fromSec1.key()).getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) ec.keys().getPrivate()).getS());
  }

  @Test
  void readsAnEcKeyInSec1ThatNamesItsCurve() throws java.io.IOException {
    TestCertificates.Issued ec = issued(TestCertificates.ec());
    java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) ec.keys().getPrivate();
    byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
        new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1))
        .getEncoded();
    String pem = "-----BEGIN EC PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(sec1)
        + "\n-----END EC PRIVATE KEY-----\n";

    CertifiedKey read = CertifiedKey.fromPem(pem + ec.chainPem());

    assertThat(((java.security.interfaces.ECPrivateKey) read.key()).getS()).isEqualTo(key.getS());
  }

  @Test
  void refusesAnEcKeyWhoseCurveIsNotNamed() {
    TestCertificates.Issued ec = issued(TestCertificates.ec());
    assertThatThrownBy(() -> CertifiedKey.fromPem(TestCertificates.traditional(ec.keys().getPrivate()) + ec.chainPem()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("does not name its curve");
  }

  @Test
  void readsAnEd25519Key() {
    TestCertificates.Issued ed = issued(TestCertificates.ed25519());
    CertifiedKey key = CertifiedKey.fromPem(TestCertificates.pkcs8(ed.keys().getPrivate()) + ed.chainPem());
    assertThat(key.certificate()).isEqualTo(ed.certificate());
  }

  @Test
  void readsTheChainAcrossFilesInOrderAndEachFileOnce() {
    TestCertificates.Issued intermediate = CA.intermediate("Intermediate");
    TestCertificates.Issued leaf = intermediate.issue("leaf", "localhost");
    Path keyFile = TestCertificates.write(directory, "key.pem", TestCertificates.pkcs8(leaf.keys().getPrivate()));
    Path certFile = TestCertificates.write(directory, "cert.pem", TestCertificates.pem(leaf.certificate()));
    Path chainFile = TestCertificates.write(directory, "chain.pem", TestCertificates.pem(intermediate.certificate()));

    CertifiedKey key = CertifiedKey.load(keyFile, certFile, chainFile, certFile);

    assertThat(key.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
  }

  @Test
  void readsKeyAndChainFromOneFile() {
    TestCertificates.Issued rsa = issued(TestCertificates.rsa());
    Path both = TestCertificates.write(directory, "both.pem", rsa.pem());
    assertThat(CertifiedKey.load(both).chain()).containsExactly(rsa.certificate());
  }

  @Test
  void refusesAKeyThatIsNotTheCertificates() {
    TestCertificates.Issued rsa = issued(TestCertificates.rsa());
    TestCertificates.Issued otherRsa = issued(TestCertificates.rsa());
    TestCertificates.Issued ec = issued(TestCertificates.ec());
    TestCertificates.Issued otherEc = issued(TestCertificates.ec());

    assertThatThrownBy(() -> CertifiedKey.fromPem(TestCertificates.pkcs8(rsa.keys().getPrivate()) + otherRsa.chainPem()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("does not match its certificate");
    assertThatThrownBy(() -> CertifiedKey.fromPem(TestCertificates.pkcs8(ec.keys().getPrivate()) + otherEc.chainPem()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("does not match its certificate");
    assertThatThrownBy(() -> CertifiedKey.fromPem(TestCertificates.pkcs8(rsa.keys().getPrivate()) + ec.chainPem()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("the key is RSA but the certificate's key is EC");
    assertThatThrownBy(() -> new CertifiedKey(rsa.keys().getPrivate(), List.of(otherRsa.certificate())))
        .isInstanceOf(KeyMaterialException.class);
  }

  @Test
  void saysWhatIsWrongWithUnusableText() {
    TestCertificates.Issued rsa = issued(TestCertificates.rsa());
    String key = TestCertificates.pkcs8(rsa.keys().getPrivate());

    assertThatThrownBy(() -> CertifiedKey.fromPem("hello, this is not PEM"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("no private key (found no PEM block)");
    assertThatThrownBy(() -> CertifiedKey.fromPem(key))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("no certificate (found only [PRIVATE KEY] blocks)");
    assertThatThrownBy(() -> CertifiedKey.fromPem(key.replace("-----END PRIVATE KEY-----", "")))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("has no matching -----END PRIVATE KEY-----");
    assertThatThrownBy(() -> CertifiedKey.fromPem("-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> CertifiedKey.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("the PRIVATE KEY block is malformed or not a key the JDK reads");
    assertThatThrownBy(() -> CertifiedKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("RSA PRIVATE KEY");
    assertThatThrownBy(() -> CertifiedKey.fromPem(key + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("not a valid X.509 certificate");
    assertThatThrownBy(() -> CertifiedKey.fromPem(key + key + rsa.chainPem()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("more than one private key");
  }

  @Test
  void saysThatEncryptedKeysMustBeDecryptedFirst() {
    assertThatThrownBy(() -> CertifiedKey.fromPem(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("encrypted");
    assertThatThrownBy(() -> CertifiedKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("encrypted");
  }

  @Test
  void namesAFileItCannotRead() {
    assertThatThrownBy(() -> CertifiedKey.load(NOWHERE))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("cannot read " + NOWHERE);
  }

  @Test
  void doesNotShowTheKeyWhenPrinted() {
    TestCertificates.Issued rsa = issued(TestCertificates.rsa());
    CertifiedKey key = rsa.certifiedKey();
    String modulus = ((java.security.interfaces.RSAKey) rsa.keys().getPrivate()).getModulus().toString(16);
    assertThat(key.toString()).contains("CN=server").contains("RSA").doesNotContain(modulus.substring(0, 32));
  }

  @Test
  void loadsTrustRootsFromAFileOrADirectory() {
    TestCertificates.Issued other = TestCertificates.authority("Other CA");
    Path file = TestCertificates.write(directory, "ca.pem", TestCertificates.pem(CA.certificate()));
    TestCertificates.write(directory, "other.crt", TestCertificates.pem(other.certificate()));
    TestCertificates.write(directory, "notes.txt", "not a certificate");

    assertThat(TrustRoots.load(file).certificates()).contains(List.of(CA.certificate()));
    assertThat(TrustRoots.load(directory).certificates().orElseThrow())
        .containsExactlyInAnyOrder(CA.certificate(), other.certificate());
    assertThat(TrustRoots.system().certificates()).isEmpty();
  }

  @Test
  void refusesTrustRootsWithoutCertificates() {
    Path empty = directory.resolve("empty");
    assertThat(empty.toFile().mkdir()).isTrue();
    assertThatThrownBy(() -> TrustRoots.load(empty))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("holds no certificate");
    assertThatThrownBy(() -> TrustRoots.fromPem("nothing here")).isInstanceOf(KeyMaterialException.class);
    assertThatThrownBy(() -> TrustRoots.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
