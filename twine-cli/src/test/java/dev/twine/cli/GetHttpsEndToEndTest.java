package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.nio.NioReactor;
import dev.twine.internet.tls.CertifiedKey;
import dev.twine.internet.tls.TlsServerOptions;
import dev.twine.web.Rendered;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import dev.twine.web.http.HttpMethod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twine get https://...} as a user runs it, against Twine's own TLS server holding a
 * certificate that {@code twine cert} made for {@code localhost}.
 */
@Timeout(120)
class GetHttpsEndToEndTest {
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

  @TempDir
  static Path directory;

  private static NioReactor reactor;
  private static Path certificate;
  private static int port;

  private TwineProcess twine;

  @BeforeAll
  static void serveTlsWithADevelopmentCertificate() throws Exception {
    Path out = directory.resolve("tls");
    StringWriter err = new StringWriter();
    assertThat(Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "cert", "--host", "localhost", "--out", out.toString())).as(err.toString()).isZero();
    certificate = out.resolve("cert.pem");
    CertifiedKey key = CertifiedKey.load(out.resolve("key.pem"), certificate);
    Resource root = new Resource().putChild("hello", new Resource()
        .on(HttpMethod.GET, request -> Rendered.body("hello over https\n")));
    reactor = new NioReactor();
    Thread.ofPlatform().daemon().name("tls-server").start(reactor::run);
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    reactor.callFromThread(() -> listening.complete(((IPv4Address) reactor.listenTls(0,
        new Site(root, reactor), TlsServerOptions.of(key), 50, "127.0.0.1").address()).port()));
    port = listening.get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopServer() {
    reactor.stop();
  }

  @AfterEach
  void killTwine() {
    if (twine != null) {
      twine.close();
    }
  }

  private String errorLine() {
    return twine.stderr().lines().filter(line -> line.startsWith("twine get: "))
        .reduce((first, second) -> first + "\n" + second).orElse("");
  }

  @Test
  void fetchesOverTlsTrustingTheGivenCertificate() throws Exception {
    twine = TwineProcess.start("get", "https://localhost:" + port + "/hello",
        "--cacert", certificate.toString());

    assertThat(twine.awaitExit(EXIT_WITHIN)).isZero();
    assertThat(twine.stdout()).isEqualTo("hello over https");
  }

  @Test
  void anUntrustedCertificateExitsTwoWithOneClearLine() throws Exception {
    twine = TwineProcess.start("get", "https://localhost:" + port + "/hello");

    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(errorLine()).isEqualTo("twine get: TLS with https://localhost:" + port + " failed:"
        + " the server's certificate is not trusted (it does not chain to a trusted root)");
    assertThat(twine.stdout()).isEmpty();
  }

  @Test
  void aCertificateForAnotherNameExitsTwoUnlessInsecure() throws Exception {
    String byAddress = "https://127.0.0.1:" + port + "/hello";
    twine = TwineProcess.start("get", byAddress, "--cacert", certificate.toString());

    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(errorLine()).startsWith("twine get: TLS with https://127.0.0.1:" + port
        + " failed: the server's certificate does not name the host").doesNotContain("\n");
    twine.close();

    twine = TwineProcess.start("get", byAddress, "--cacert", certificate.toString(), "--insecure");
    assertThat(twine.awaitExit(EXIT_WITHIN)).isZero();
    assertThat(twine.stdout()).isEqualTo("hello over https");
  }

  @Test
  void insecureAcceptsACertificateThatIsNeitherTrustedNorForTheHost() throws Exception {
    twine = TwineProcess.start("get", "https://127.0.0.1:" + port + "/hello", "-k");

    assertThat(twine.awaitExit(EXIT_WITHIN)).isZero();
    assertThat(twine.stdout()).isEqualTo("hello over https");
  }

  @Test
  void helpNamesTheInsecureOptionAsInsecure() {
    StringWriter out = new StringWriter();
    assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "get", "--help")).isZero();

    assertThat(out.toString()).contains("-k, --insecure", "INSECURE: accept any https certificate",
        "--cacert=FILE");
  }

  @Test
  void anUnreadableTrustFileIsAUsageError() throws Exception {
    Path notPem = Files.writeString(directory.resolve("not.pem"), "not a certificate\n");
    StringWriter err = new StringWriter();

    assertThat(Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "get", "https://localhost:" + port + "/", "--cacert", notPem.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("twine: --cacert: " + notPem);
  }
}
