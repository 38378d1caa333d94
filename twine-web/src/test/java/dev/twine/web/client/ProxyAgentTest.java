package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.TargetForm;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests through an HTTP proxy. */
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
  void refusesHttpsUris() {
    assertThatThrownBy(() -> agent.request(HttpMethod.GET, "https://example.com/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http URIs only");
  }
}
