package dev.twine.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.internet.ConnectError;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.web.Rendered;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import dev.twine.web.http.HttpMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS over real loopback sockets: the agent against Twine's own TLS server, against {@code
 * openssl s_server}, and through a CONNECT tunnel of a small proxy; certificates that are not
 * trusted or do not name the host fail clearly.
 */
@Timeout(60)
class HttpsLoopbackTest {
  private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)");

  private final ReactorThread loop = new ReactorThread();
  private final ConnectionPool pool = loop.call(() -> new ConnectionPool(loop.reactor));
  private Process openssl;

  @AfterEach
  void tearDown() throws InterruptedException {
    loop.await(pool::closeCachedConnections);
    loop.close();
    if (openssl != null) {
      openssl.destroy();
      if (!openssl.waitFor(10, TimeUnit.SECONDS)) {
        openssl.destroyForcibly();
      }
    }
  }

  /** Serves, over TLS as {@code localhost}, a page that tells which client port asked. */
  private int serveTls() {
    Resource root = new Resource().putChild("who", new Resource().on(HttpMethod.GET,
        request -> Rendered.body("secure=" + request.isSecure() + " from "
            + ((IPv4Address) request.clientAddress()).port())));
    return loop.call(() -> ((IPv4Address) loop.reactor.listenTls(0,
        new Site(root, loop.reactor), TestCertificates.SERVER, 50, "127.0.0.1").address()).port());
  }

  private Agent agent(AgentOptions options) {
    return loop.call(() -> Agent.create(loop.reactor, pool, options));
  }

  private static AgentOptions trusting() {
    return AgentOptions.DEFAULT.withTrustRoots(TestCertificates.ROOTS);
  }

  private String get(Agent agent, String uri) {
    return loop.await(() -> agent.request(HttpMethod.GET, uri)
        .flatMap(response -> response.readBody(1 << 20))).utf8();
  }

  @Test
  void getsFromTwinesTlsServerAndKeepsTheConnection() {
    int port = serveTls();
    Agent agent = agent(trusting());

    String first = get(agent, "https://localhost:" + port + "/who");
    String second = get(agent, "https://localhost:" + port + "/who");

    assertThat(first).startsWith("secure=true from ");
    assertThat(second).as("the same client port: the pooled connection").isEqualTo(first);
  }

  @Test
  void aCertificateThatDoesNotNameTheAddressFailsClearly() {
    int port = serveTls();
    Agent agent = agent(trusting());

    assertThatThrownBy(() -> get(agent, "https://127.0.0.1:" + port + "/who"))
        .isInstanceOf(ConnectError.class)
        .hasMessageStartingWith("TLS with https://127.0.0.1:" + port + " failed: the server's"
            + " certificate does not name the host")
        .hasCauseInstanceOf(SSLException.class);
    assertThat(get(agent(trusting().insecureSkipHostnameVerification()),
        "https://127.0.0.1:" + port + "/who")).startsWith("secure=true");
  }

  @Test
  void aCertificateTheSystemDoesNotTrustFailsClearly() {
    int port = serveTls();

    assertThatThrownBy(() -> get(agent(AgentOptions.DEFAULT), "https://localhost:" + port + "/who"))
        .isInstanceOf(ConnectError.class)
        .hasMessage("TLS with https://localhost:" + port + " failed: the server's certificate is"
            + " not trusted (it does not chain to a trusted root)");
  }

  @Test
  void getsFromOpensslSServer(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("cert.pem"),
        TestCertificates.SERVER_CERTIFICATE.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"),
        TestCertificates.SERVER_CERTIFICATE.keyPem());
    try {
      openssl = new ProcessBuilder("openssl", "s_server", "-www", "-accept", "127.0.0.1:0",
          "-cert", cert.toString(), "-key", key.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "openssl is not installed (apt-get install openssl): " + e.getMessage());
    }
    BufferedReader output = new BufferedReader(
        new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8));
    Matcher accept = ACCEPT.matcher("");
    StringBuilder said = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      said.append(line).append('\n');
      accept = ACCEPT.matcher(line);
      if (accept.find()) {
        break;
      }
    }
    assertThat(accept.hasMatch()).as("openssl s_server printed its port; it said: %s", said)
        .isTrue();
    String port = accept.group(1);
    Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> { }));
    Agent agent = agent(trusting());

    Response response = loop.await(() -> agent.request(HttpMethod.GET,
        "https://localhost:" + port + "/"));
    String page = loop.await(() -> response.readBody(1 << 20)).utf8();

    assertThat(response.status()).isEqualTo(200);
    assertThat(page).contains("Ciphers supported in s_server binary");
  }

  @Test
  void reachesAnHttpsOriginThroughAConnectTunnelAndKeepsIt() throws IOException {
    int port = serveTls();
    try (TunnelProxy proxy = new TunnelProxy()) {
      Agent agent = loop.call(() -> new ProxyAgent(loop.reactor, new TcpClientEndpoint(
          loop.reactor, "127.0.0.1", proxy.port(), Duration.ofSeconds(5), null), pool, trusting()));

      String first = get(agent, "https://localhost:" + port + "/who");
      String second = get(agent, "https://localhost:" + port + "/who");

      assertThat(first).startsWith("secure=true from ");
      assertThat(second).isEqualTo(first);
      assertThat(proxy.requests()).singleElement().asString()
          .startsWith("CONNECT localhost:" + port + " HTTP/1.1\r\n"
              + "Host: localhost:" + port + "\r\n");
    }
  }

  @Test
  void theOriginsCertificateIsCheckedThroughTheTunnel() throws IOException {
    int port = serveTls();
    try (TunnelProxy proxy = new TunnelProxy()) {
      Agent agent = loop.call(() -> new ProxyAgent(loop.reactor, new TcpClientEndpoint(
          loop.reactor, "127.0.0.1", proxy.port(), Duration.ofSeconds(5), null), pool, trusting()));

      assertThatThrownBy(() -> get(agent, "https://127.0.0.1:" + port + "/who"))
          .isInstanceOf(ConnectError.class)
          .hasMessageStartingWith("TLS with https://127.0.0.1:" + port + " through the proxy")
          .hasMessageContaining("the server's certificate does not name the host");
    }
  }

  @Test
  void aProxyThatRefusesTheTunnelFailsWithItsStatus() throws IOException {
    try (TunnelProxy proxy = new TunnelProxy(
        "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")) {
      Agent agent = loop.call(() -> new ProxyAgent(loop.reactor, new TcpClientEndpoint(
          loop.reactor, "127.0.0.1", proxy.port(), Duration.ofSeconds(5), null), pool, trusting()));

      assertThatThrownBy(() -> get(agent, "https://example.com/"))
          .isInstanceOfSatisfying(TunnelRefused.class,
              refused -> assertThat(refused.status()).isEqualTo(407));
    }
  }
}
