package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.internet.tls.CertifiedKey;
import dev.twine.internet.tls.TrustRoots;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code twine cert}, then {@code twine echo --listen ssl:...} with what it wrote: TLS in two commands. */
@Timeout(120)
class CertEndToEndTest {
  @TempDir
  Path directory;

  private TwineProcess twine;

  @AfterEach
  void killTwine() {
    if (twine != null) {
      twine.close();
    }
  }

  private int twineInThisJvm(StringWriter err, String... args) {
    return Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
  }

  @Test
  void writesACertificateAndKeyThatServeTlsInTwoCommands() throws Exception {
    Path out = directory.resolve("dev-tls");
    try (TwineProcess cert = TwineProcess.start("cert", "--host", "localhost", "--host", "127.0.0.1",
        "--out", out.toString(), "--days", "30")) {
      assertThat(cert.awaitExit(TwineProcess.WAIT)).isZero();
      assertThat(cert.stderr()).contains("wrote " + out.resolve("cert.pem")).contains("serve with: twine echo");
    }
    Path keyFile = out.resolve("key.pem");
    Path certFile = out.resolve("cert.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    X509Certificate certificate = CertifiedKey.load(keyFile, certFile).certificate();
    assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
    assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
        .containsExactly("localhost", "127.0.0.1");
    assertThat(certificate.getNotAfter().toInstant())
        .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

    twine = TwineProcess.start("echo", "--listen",
        "ssl:0:interface=127.0.0.1:privateKey=" + keyFile + ":certKey=" + certFile);
    int port = twine.awaitPort();

    try (SSLSocket client = trustingOnly(certFile, port)) {
      client.getOutputStream().write("hello over TLS\n".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(client.getInputStream().readNBytes(15), StandardCharsets.UTF_8))
          .isEqualTo("hello over TLS\n");
      assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    Optional<String> openssl = onPath("openssl");
    assumeTrue(openssl.isPresent(), "openssl is not installed (apt-get install openssl); skipping its check");
    Process check = new ProcessBuilder(openssl.get(), "s_client", "-connect", "127.0.0.1:" + port,
        "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", certFile.toString(),
        "-verify_return_error", "-brief").redirectErrorStream(true).start();
    check.getOutputStream().close();
    String output = readAll(check.getInputStream());
    assertThat(check.waitFor(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("Verification: OK");
  }

  @Test
  void neverOverwritesAndSaysWhy() throws Exception {
    Path out = Files.createDirectories(directory.resolve("existing"));
    Files.writeString(out.resolve("key.pem"), "keep me");
    StringWriter err = new StringWriter();

    assertThat(twineInThisJvm(err, "cert", "--out", out.toString())).isEqualTo(2);

    assertThat(err.toString()).startsWith("twine: " + out.resolve("key.pem") + " already exists; remove it or choose another --out");
    assertThat(Files.readString(out.resolve("key.pem"))).isEqualTo("keep me");
    assertThat(out.resolve("cert.pem")).doesNotExist();
  }

  @Test
  void refusesAValidityThatIsNotPositive() {
    StringWriter err = new StringWriter();

    assertThat(twineInThisJvm(err, "cert", "--out", directory.toString(), "--days", "0")).isEqualTo(2);

    assertThat(err.toString()).startsWith("twine: --days must be at least 1, not 0");
  }

  @Test
  void helpDescribesTheOptions() {
    StringWriter out = new StringWriter();
    assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "cert", "--help"))
        .isZero();
    assertThat(out.toString()).startsWith("Usage: twine cert").contains("--host=NAME", "--out=DIR", "--days=N");
  }

  /** A TLS socket to 127.0.0.1:{@code port} that trusts only {@code certFile} and checks it names localhost. */
  private static SSLSocket trustingOnly(Path certFile, int port) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    List<X509Certificate> roots = TrustRoots.load(certFile).certificates().orElseThrow();
    store.setCertificateEntry("dev", roots.get(0));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    Socket plain = new Socket("127.0.0.1", port);
    plain.setSoTimeout((int) TwineProcess.WAIT.toMillis());
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  private static Optional<String> onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool).toString());
      }
    }
    return Optional.empty();
  }

  private static String readAll(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
