package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectError;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.TargetForm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests through an HTTP proxy: http URIs in the request line, https ones through tunnels. */
@TwineTest
class ProxyAgentTest {
  private final MemoryNet net;
  private final Agent agent;

  ProxyAgentTest(Clock clock) {
    net = new MemoryNet(clock);
    agent = new ProxyAgent(clock, new TcpClientEndpoint(net.reactor, "proxy.local", 3128,
        Duration.ofSeconds(30), null), net.pool, AgentOptions.DEFAULT);
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  @Test
  void sendsTheWholeUriToTheProxyAndSharesItsConnectionAcrossOrigins() {
    Deferred<Response> first = agent.request(HttpMethod.GET, "http://example.com:8080/a?b=c");
    net.accept();
    assertThat(net.destination(0)).isEqualTo("proxy.local:3128");
    RequestHead head = net.server(0).request().head();
    assertThat(head.target()).isEqualTo("http://example.com:8080/a?b=c");
    assertThat(head.targetForm()).isEqualTo(TargetForm.ABSOLUTE);
    assertThat(head.headers().first("Host")).contains("example.com:8080");
    net.server(0).ok("one");
    net.flush();
    assertThat(successResultOf(successResultOf(first).readBody(10)).utf8()).isEqualTo("one");

    Deferred<Response> second = agent.request(HttpMethod.GET, "http://other.example/");
    net.flush();
    assertThat(net.attempts()).isEqualTo(1);
    assertThat(net.server(0).requests().get(1).head().target()).isEqualTo("http://other.example/");
    net.server(0).ok("two");
    net.flush();
    assertThat(successResultOf(second).uri()).isEqualTo("http://other.example/");
  }

  @Test
  void sendsTheProxyHeadersWithHttpRequestsUnlessTheCallerSetsThem(Clock clock) {
    Agent withCredentials = new ProxyAgent(clock, new TcpClientEndpoint(net.reactor,
        "proxy.local", 3128, Duration.ofSeconds(30), null),
        Headers.of("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0"), net.pool,
        AgentOptions.DEFAULT);
    Deferred<Response> first = withCredentials.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).ok("1");
    net.flush();
    successResultOf(successResultOf(first).readBody(10));
    Deferred<Response> second = withCredentials.request(HttpMethod.GET, "http://example.com/",
        Headers.of("Proxy-Authorization", "Basic b3duOm93bg=="), null);
    net.flush();
    net.server(0).ok("2");
    net.flush();
    successResultOf(successResultOf(second).readBody(10));

    assertThat(net.server(0).requests())
        .extracting(r -> r.head().headers().all("Proxy-Authorization"))
        .containsExactly(List.of("Basic cHJveHk6c2VjcmV0"), List.of("Basic b3duOm93bg=="));
  }

  @Test
  void asksTheProxyForATunnelToAnHttpsOriginWithItsHeaders(Clock clock) {
    Agent withCredentials = new ProxyAgent(clock, new TcpClientEndpoint(net.reactor,
        "proxy.local", 3128, Duration.ofSeconds(30), null),
        Headers.of("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0"), net.pool,
        AgentOptions.DEFAULT);
    Deferred<Response> pending = withCredentials.request(HttpMethod.GET,
        "https://Example.com/private?q=1", Headers.of("Authorization", "Bearer origin-only"), null);
    net.accept();

    RequestHead connect = net.server(0).request().head();
    assertThat(connect.method()).isEqualTo(HttpMethod.CONNECT);
    assertThat(connect.target()).isEqualTo("example.com:443");
    assertThat(connect.targetForm()).isEqualTo(TargetForm.AUTHORITY);
    assertThat(connect.headers()).isEqualTo(Headers.of(
        "Host", "example.com:443", "Proxy-Authorization", "Basic cHJveHk6c2VjcmV0"));
    assertNoResult(pending);

    net.server(0).send("HTTP/1.1 407 Proxy Authentication Required\r\n"
        + "Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\n\r\n");
    net.flush();

    TunnelRefused refused = (TunnelRefused) failureResultOf(pending, TunnelRefused.class)
        .exception();
    assertThat(refused.status()).isEqualTo(407);
    assertThat(refused.reason()).isEqualTo("Proxy Authentication Required");
    assertThat(refused).hasMessage(
        "the proxy refused a tunnel to example.com:443: 407 Proxy Authentication Required");
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void namesTheTunnelPortAndBracketsAnIpv6Host() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "https://[::1]:8443/");
    net.accept();

    assertThat(net.server(0).request().head().target()).isEqualTo("[::1]:8443");
    net.server(0).send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    net.flush();
    assertThat(((TunnelRefused) failureResultOf(pending, TunnelRefused.class).exception()).status())
        .isEqualTo(403);
  }

  @Test
  void aProxyThatClosesBeforeAnsweringFailsTheConnection() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "https://example.com/");
    net.accept();
    net.server(0).transport().loseConnection();
    net.flush();

    assertThat(failureResultOf(pending, ConnectError.class).message())
        .contains("the proxy closed the connection before answering CONNECT example.com:443");
  }

  @Test
  void aBrokenAnswerToConnectFailsTheConnection() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "https://example.com/");
    net.accept();
    net.server(0).send("SSH-2.0-OpenSSH\r\n\r\n");
    net.flush();

    assertThat(failureResultOf(pending, ConnectError.class).message())
        .startsWith("the proxy answered CONNECT example.com:443 with an invalid response");
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void refusesProxyCredentialsInTheHeadersOfAnHttpsRequest() {
    assertThatThrownBy(() -> agent.request(HttpMethod.GET, "https://example.com/",
        Headers.of("Proxy-Authorization", "Basic eDp5"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("would reach the origin through the tunnel");
  }
}
