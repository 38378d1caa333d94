package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.Connector;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connect, response and exchange timeouts, and cancelling a request. */
@TwineTest
class TimeoutsTest {
  private static final Origin EXAMPLE = new Origin("http", "example.com", 80);
  private static final String URL = "http://example.com/";

  private final Clock clock;
  private final MemoryNet net;

  TimeoutsTest(Clock clock) {
    this.clock = clock;
    this.net = new MemoryNet(clock, PoolOptions.DEFAULT.withMaxConnectionsPerHost(1));
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  @Test
  void connectingPastTheConnectTimeoutFails() {
    Agent agent = net.agent(AgentOptions.DEFAULT.withConnectTimeout(Duration.ofSeconds(5)));
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    assertThat(net.reactor.tcpClients().get(0).timeout()).isEqualTo(Duration.ofSeconds(5));

    clock.advance(Duration.ofMillis(4999));
    assertNoResult(pending);
    clock.advance(Duration.ofMillis(1));
    assertThat(failureResultOf(pending, ConnectTimedOut.class).message())
        .contains("example.com");
    assertThat(net.pool.openCount(EXAMPLE)).isZero();
  }

  @Test
  void noResponseHeadWithinTheResponseTimeoutAbortsTheConnection() {
    Agent agent = net.agent(AgentOptions.DEFAULT.withResponseTimeout(Duration.ofSeconds(10)));
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.accept();

    clock.advance(Duration.ofSeconds(10));
    net.flush();
    RequestTimedOut timedOut =
        (RequestTimedOut) failureResultOf(pending, RequestTimedOut.class).exception();
    assertThat(timedOut.phase()).isEqualTo(RequestTimedOut.Phase.RESPONSE);
    assertThat(timedOut.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(net.closed(0)).isTrue();
    assertThat(net.pool.openCount(EXAMPLE)).isZero();
  }

  @Test
  void theResponseTimeoutStartsOnceTheRequestBodyIsSent() {
    Agent agent = net.agent(AgentOptions.DEFAULT.withResponseTimeout(Duration.ofSeconds(10)));
    StreamingProducer upload = new StreamingProducer();
    Deferred<Response> pending = agent.request(HttpMethod.POST, URL, new Headers(), upload);
    net.accept();
    upload.write("slowly");
    clock.advance(Duration.ofSeconds(60));
    assertNoResult(pending);

    upload.finish();
    net.flush();
    clock.advance(Duration.ofSeconds(9));
    assertNoResult(pending);
    net.server(0).ok("");
    net.flush();
    assertThat(successResultOf(pending).status()).isEqualTo(200);
  }

  @Test
  void aResponseInTimeCancelsTheTimers() {
    Agent agent = net.agent(AgentOptions.DEFAULT.withResponseTimeout(Duration.ofSeconds(10))
        .withExchangeTimeout(Duration.ofSeconds(20)));
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).ok("body");
    net.flush();
    assertThat(successResultOf(successResultOf(pending).readBody(10)).utf8()).isEqualTo("body");

    clock.advance(Duration.ofSeconds(30));
    assertThat(net.closed(0)).isFalse();
  }

  @Test
  void theExchangeTimeoutFailsABodyStillArriving() {
    Agent agent = net.agent(AgentOptions.DEFAULT.withExchangeTimeout(Duration.ofSeconds(20)));
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome");
    net.flush();
    BodyRecorder body = new BodyRecorder();
    successResultOf(pending).deliverBody(body);

    clock.advance(Duration.ofSeconds(20));
    net.flush();
    assertThat(body.text()).isEqualTo("some");
    assertThat(body.reason()).isInstanceOf(ResponseFailed.class)
        .cause().isInstanceOfSatisfying(RequestTimedOut.class,
            e -> assertThat(e.phase()).isEqualTo(RequestTimedOut.Phase.EXCHANGE));
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void theExchangeTimeoutCountsTheWaitForAPooledConnection() {
    Agent agent = net.agent(AgentOptions.DEFAULT.withExchangeTimeout(Duration.ofSeconds(20)));
    Deferred<Response> first = agent.request(HttpMethod.GET, URL);
    net.accept();
    clock.advance(Duration.ofSeconds(10));
    Deferred<Response> second = agent.request(HttpMethod.GET, URL);
    clock.advance(Duration.ofSeconds(10));
    failureResultOf(first, RequestTimedOut.class);
    net.flush();
    assertNoResult(second);

    clock.advance(Duration.ofSeconds(10));
    failureResultOf(second, RequestTimedOut.class);
    net.accept();
    assertThat(net.attempts()).isEqualTo(2);
    assertThat(net.reactor.tcpClients().get(1).connector().state())
        .isEqualTo(Connector.State.DISCONNECTED);
  }

  @Test
  void cancellingBeforeTheHeadAbortsTheConnection() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    pending.cancel();
    net.flush();

    failureResultOf(pending, CancellationException.class);
    assertThat(net.closed(0)).isTrue();
    assertThat(net.pool.openCount(EXAMPLE)).isZero();
  }

  @Test
  void cancellingWhileConnectingStopsTheAttempt() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    pending.cancel();

    failureResultOf(pending, CancellationException.class);
    assertThat(net.reactor.tcpClients().get(0).connector().state())
        .isEqualTo(Connector.State.DISCONNECTED);
    assertThat(net.pool.openCount(EXAMPLE)).isZero();
  }

  @Test
  void cancellingReadBodyAbortsTheConnection() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome");
    net.flush();
    Deferred<Bytes> body = successResultOf(pending).readBody(1000);
    body.cancel();
    net.flush();

    failureResultOf(body, CancellationException.class);
    assertThat(net.closed(0)).isTrue();
  }
}
