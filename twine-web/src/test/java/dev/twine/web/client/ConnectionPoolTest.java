package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections kept between requests, and when they are not. */
@TwineTest
class ConnectionPoolTest {
  private static final Origin EXAMPLE = new Origin("http", "example.com", 80);
  private static final String URL = "http://example.com/";

  private final Clock clock;
  private @Nullable MemoryNet net;

  ConnectionPoolTest(Clock clock) {
    this.clock = clock;
  }

  private MemoryNet net(PoolOptions options) {
    MemoryNet made = new MemoryNet(clock, options);
    net = made;
    return made;
  }

  @AfterEach
  void closePool() {
    if (net != null) {
      net.pool.closeCachedConnections();
      net.flush();
    }
  }

  /** Runs a GET over {@code net}, answered by the last connection with {@code response}. */
  private static String exchange(MemoryNet net, Agent agent, String response) {
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(net.connections() - 1).send(response);
    net.flush();
    Deferred<Bytes> body = successResultOf(pending).readBody(1000);
    net.flush();
    return successResultOf(body).utf8();
  }

  @Test
  void aSecondRequestReusesTheIdleConnection() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
    assertThat(net.pool.idleCount(EXAMPLE)).isEqualTo(1);

    Deferred<Response> second = agent.request(HttpMethod.GET, "http://EXAMPLE.com:80/two");
    net.flush();
    assertThat(net.attempts()).isEqualTo(1);
    assertThat(net.server(0).requests()).hasSize(2);
    net.server(0).ok("two");
    net.flush();
    assertThat(successResultOf(successResultOf(second).readBody(10)).utf8()).isEqualTo("two");
  }

  @Test
  void anotherOriginGetsAnotherConnection() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    Deferred<Response> otherPort = agent.request(HttpMethod.GET, "http://example.com:8080/");
    Deferred<Response> otherScheme = agent.request(HttpMethod.GET, "https://example.com/");
    assertThat(net.attempts()).isEqualTo(3);
    assertThat(net.destination(1)).isEqualTo("example.com:8080");
    assertThat(net.destination(2)).isEqualTo("example.com:443");
    otherPort.cancel();
    otherScheme.cancel();
    failureResultOf(otherPort, CancellationException.class);
    failureResultOf(otherScheme, CancellationException.class);
  }

  @Test
  void connectionCloseFromTheServerIsHonoured() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    exchange(net, net.agent(), "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");

    assertThat(net.closed(0)).isTrue();
    assertThat(net.pool.openCount(EXAMPLE)).isZero();
  }

  @Test
  void anHttp10ResponseWithoutKeepAliveIsNotReused() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    exchange(net, net.agent(), "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    assertThat(net.closed(0)).isTrue();

    exchange(net, net.agent(),
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
    assertThat(net.closed(1)).isFalse();
    assertThat(net.pool.idleCount(EXAMPLE)).isEqualTo(1);
  }

  @Test
  void aNonPersistentPoolAsksTheServerToCloseAndClosesItself() {
    MemoryNet net = net(PoolOptions.DEFAULT.withPersistent(false));
    exchange(net, net.agent(), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    assertThat(net.server(0).request().head().headers().first("Connection")).contains("close");
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void theCallersConnectionCloseIsHonoured() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL,
        Headers.of("Connection", "close"), null);
    net.accept();
    net.server(0).ok("x");
    net.flush();
    successResultOf(successResultOf(pending).readBody(10));
    net.flush();

    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() {
    MemoryNet net = net(PoolOptions.DEFAULT.withIdleTimeout(Duration.ofSeconds(10)));
    exchange(net, net.agent(), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    clock.advance(Duration.ofSeconds(9));
    net.flush();
    assertThat(net.closed(0)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    net.flush();
    assertThat(net.closed(0)).isTrue();
    assertThat(net.pool.openCount(EXAMPLE)).isZero();
  }

  @Test
  void anIdleConnectionClosedByTheServerLeavesThePool() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    net.server(0).transport().loseConnection();
    net.flush();
    assertThat(net.pool.idleCount(EXAMPLE)).isZero();
    assertThat(clock.pendingCalls()).isEmpty();

    Deferred<Response> next = agent.request(HttpMethod.GET, URL);
    assertThat(net.attempts()).isEqualTo(2);
    next.cancel();
    failureResultOf(next, CancellationException.class);
  }

  @Test
  void aStaleConnectionIsRetriedOnceOnANewOneForAnIdempotentRequest() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    Deferred<Response> pending = agent.request(HttpMethod.PUT, URL, new Headers(),
        BodyProducer.of(Bytes.utf8("same")));
    net.flush();
    assertThat(net.server(0).requests()).hasSize(2);
    net.server(0).transport().loseConnection();
    net.flush();
    assertThat(net.attempts()).isEqualTo(2);
    net.accept();
    assertThat(net.server(1).request().body().utf8()).isEqualTo("same");
    net.server(1).ok("done");
    net.flush();

    assertThat(successResultOf(pending).status()).isEqualTo(200);
  }

  @Test
  void aRetryIsMadeOnlyOnce() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.flush();
    net.server(0).transport().loseConnection();
    net.flush();
    net.accept();
    net.server(1).transport().loseConnection();
    net.flush();

    failureResultOf(pending, ResponseNeverReceived.class);
    assertThat(net.attempts()).isEqualTo(2);
  }

  @Test
  void aPostOnAStaleConnectionIsNotRetried() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    Deferred<Response> pending = agent.request(HttpMethod.POST, URL);
    net.flush();
    net.server(0).transport().loseConnection();
    net.flush();

    failureResultOf(pending, ResponseNeverReceived.class);
    assertThat(net.attempts()).isEqualTo(1);
  }

  @Test
  void noRetryWhenThePoolSaysSo() {
    MemoryNet net = net(PoolOptions.DEFAULT.withRetryAutomatically(false));
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.flush();
    net.server(0).transport().loseConnection();
    net.flush();

    failureResultOf(pending, ResponseNeverReceived.class);
  }

  @Test
  void requestsBeyondTheBoundWaitForAConnectionToComeFree() {
    MemoryNet net = net(PoolOptions.DEFAULT.withMaxConnectionsPerHost(1));
    Agent agent = net.agent();
    Deferred<Response> first = agent.request(HttpMethod.GET, URL);
    Deferred<Response> second = agent.request(HttpMethod.GET, "http://example.com/2");
    net.accept();
    assertThat(net.attempts()).isEqualTo(1);
    assertThat(net.server(0).requests()).hasSize(1);

    net.server(0).ok("1");
    net.flush();
    assertNoResult(second);
    successResultOf(successResultOf(first).readBody(10));
    net.flush();
    assertThat(net.server(0).requests()).hasSize(2);
    assertThat(net.server(0).requests().get(1).head().target()).isEqualTo("/2");
    net.server(0).ok("2");
    net.flush();
    assertThat(successResultOf(successResultOf(second).readBody(10)).utf8()).isEqualTo("2");
  }

  @Test
  void aWaitingRequestConnectsWhenABusyConnectionCloses() {
    MemoryNet net = net(PoolOptions.DEFAULT.withMaxConnectionsPerHost(1));
    Agent agent = net.agent();
    Deferred<Response> first = agent.request(HttpMethod.GET, URL);
    Deferred<Response> second = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    net.flush();
    successResultOf(first);
    net.flush();

    assertThat(net.attempts()).isEqualTo(2);
    net.accept();
    net.server(1).ok("");
    net.flush();
    successResultOf(second);
  }

  @Test
  void aCancelledWaitingRequestLeavesTheQueue() {
    MemoryNet net = net(PoolOptions.DEFAULT.withMaxConnectionsPerHost(1));
    Agent agent = net.agent();
    Deferred<Response> first = agent.request(HttpMethod.GET, URL);
    Deferred<Response> second = agent.request(HttpMethod.GET, URL);
    second.cancel();
    failureResultOf(second, CancellationException.class);
    net.accept();
    net.server(0).ok("");
    net.flush();
    successResultOf(successResultOf(first).readBody(0));
    net.flush();

    assertThat(net.server(0).requests()).hasSize(1);
    assertThat(net.pool.idleCount(EXAMPLE)).isEqualTo(1);
  }

  @Test
  void idleConnectionsBeyondTheBoundAreClosed() {
    MemoryNet net = net(PoolOptions.DEFAULT.withMaxIdlePerHost(1));
    Agent agent = net.agent();
    Deferred<Response> first = agent.request(HttpMethod.GET, URL);
    Deferred<Response> second = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).ok("");
    net.server(1).ok("");
    net.flush();
    successResultOf(first);
    successResultOf(second);
    net.flush();

    assertThat(net.pool.idleCount(EXAMPLE)).isEqualTo(1);
    assertThat(net.closed(0)).isFalse();
    assertThat(net.closed(1)).isTrue();
  }

  @Test
  void closeCachedConnectionsClosesTheIdleOnesAndFiresOnceTheyHaveClosed() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    Agent agent = net.agent();
    exchange(net, agent, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    Deferred<Response> busy = agent.request(HttpMethod.GET, "http://other.example/");
    net.accept();

    Deferred<@Nullable Void> closed = net.pool.closeCachedConnections();
    assertNoResult(closed);
    net.flush();
    successResultOf(closed);
    assertThat(net.closed(0)).isTrue();
    assertThat(net.closed(1)).isFalse();
    assertNoResult(busy);
    net.server(1).ok("");
    net.flush();
    successResultOf(busy);
  }

  @Test
  void aResponseThatArrivesBeforeTheRequestBodyEndsStopsTheUploadAndTheConnection() {
    MemoryNet net = net(PoolOptions.DEFAULT);
    StreamingProducer upload = new StreamingProducer();
    Deferred<Response> pending = net.agent().request(HttpMethod.POST, URL, new Headers(), upload);
    net.accept();
    upload.write("part");
    net.flush();
    net.server(0).send("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n");
    net.flush();

    assertThat(successResultOf(pending).status()).isEqualTo(413);
    assertThat(upload.stopped()).isTrue();
    assertThat(net.closed(0)).isTrue();
  }
}
