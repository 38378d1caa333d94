package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectionDone;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.RequestHead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests and responses over one connection: what goes out, what comes back, how it ends. */
@TwineTest
class AgentTest {
  private final MemoryNet net;
  private final Agent agent;

  AgentTest(Clock clock) {
    net = new MemoryNet(clock);
    agent = net.agent();
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }


  @Test
  void sendsAnOriginFormRequestWithHostAndReadsTheBody() {
    Deferred<Response> pending = agent.request(HttpMethod.GET,
        "http://Example.COM:8080/a/b?q=1#frag", Headers.of("Accept", "text/plain"), null);
    net.accept();

    RequestHead head = net.server(0).request().head();
    assertThat(net.destination(0)).isEqualTo("example.com:8080");
    assertThat(head.method()).isEqualTo(HttpMethod.GET);
    assertThat(head.target()).isEqualTo("/a/b?q=1");
    assertThat(head.headers()).isEqualTo(
        Headers.of("Host", "example.com:8080", "Accept", "text/plain"));
    assertNoResult(pending);

    net.server(0).send("HTTP/1.1 200 Fine\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
        + "hello");
    net.flush();
    Response response = successResultOf(pending);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.reason()).isEqualTo("Fine");
    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_1_1);
    assertThat(response.headers().first("Content-Type")).contains("text/plain");
    assertThat(response.length()).hasValue(5);
    assertThat(response.method()).isEqualTo(HttpMethod.GET);
    assertThat(response.uri()).isEqualTo("http://Example.COM:8080/a/b?q=1#frag");
    assertThat(successResultOf(response.readBody(100)).utf8()).isEqualTo("hello");
  }

  @Test
  void anEmptyPathAsksForTheRootAndTheDefaultPortIsLeftOutOfHost() {
    agent.request(HttpMethod.GET, "http://example.com");
    net.accept();

    RequestHead head = net.server(0).request().head();
    assertThat(head.target()).isEqualTo("/");
    assertThat(head.headers().first("Host")).contains("example.com");
    assertThat(net.destination(0)).isEqualTo("example.com:80");
  }

  @Test
  void anIpv6LiteralIsConnectedToWithoutBracketsAndNamedWithThem() {
    agent.request(HttpMethod.GET, "http://[::1]:8080/");
    net.accept();

    assertThat(net.destination(0)).isEqualTo("::1:8080");
    assertThat(net.server(0).request().head().headers().first("Host")).contains("[::1]:8080");
  }

  @Test
  void theCallersHostWinsAndTheirHeadersAreNotChanged() {
    Headers mine = Headers.of("Host", "virtual.example");
    agent.request(HttpMethod.GET, "http://10.0.0.1/", mine, null);
    net.accept();

    assertThat(net.server(0).request().head().headers()).isEqualTo(
        Headers.of("Host", "virtual.example"));
    assertThat(mine).isEqualTo(Headers.of("Host", "virtual.example"));
  }

  @Test
  void aPostWithoutBodySaysItsLengthIsZero() {
    agent.request(HttpMethod.POST, "http://example.com/");
    net.accept();

    assertThat(net.server(0).request().head().headers().first("Content-Length")).contains("0");
  }

  @Test
  void misuseFailsAtOnce() {
    assertThatThrownBy(() -> agent.request(HttpMethod.GET, "/relative"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    assertThatThrownBy(() -> agent.request(HttpMethod.GET, "ftp://example.com/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp");
    assertThatThrownBy(() -> agent.request(HttpMethod.GET, "http://exa mple.com/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid URI");
    assertThatThrownBy(() -> agent.request(HttpMethod.CONNECT, "http://example.com/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONNECT");
    assertThatThrownBy(() -> agent.request(HttpMethod.POST, "http://example.com/",
        Headers.of("Content-Length", "3"), BodyProducer.of(Bytes.utf8("abc"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Length");
    assertThat(net.attempts()).isZero();
  }

  @Test
  void aChunkedBodyIsStreamedToAProtocolAndEndsWithResponseDone() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    net.flush();
    Response response = successResultOf(pending);
    assertThat(response.length()).isEmpty();
    BodyRecorder body = new BodyRecorder();
    response.deliverBody(body);

    assertThat(body.text()).isEqualTo("hello");
    assertThat(body.end()).isEmpty();
    net.server(0).send("6\r\n world\r\n0\r\n\r\n");
    net.flush();
    assertThat(body.text()).isEqualTo("hello world");
    assertThat(body.reason()).isInstanceOf(ResponseDone.class);
    assertThat(net.pool.idleCount(new Origin("http", "example.com", 80))).isEqualTo(1);
  }

  @Test
  void theBodyCanBeAskedForOnlyOnce() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).ok("x");
    net.flush();
    Response response = successResultOf(pending);
    response.readBody(10);

    assertThatThrownBy(() -> response.deliverBody(new BodyRecorder()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
  }

  @Test
  void aBodyDelimitedByACleanCloseEndsWithPotentialDataLossAndReadBodyTakesIt() {
    Deferred<Response> first = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\n\r\nuntil the end");
    net.flush();
    Response response = successResultOf(first);
    BodyRecorder body = new BodyRecorder();
    response.deliverBody(body);
    net.server(0).transport().loseConnection();
    net.flush();

    assertThat(body.text()).isEqualTo("until the end");
    assertThat(body.reason()).isInstanceOf(PotentialDataLoss.class);
    assertThat(net.pool.openCount(new Origin("http", "example.com", 80))).isZero();
  }

  @Test
  void readBodyTakesABodyThatRanUntilTheServerClosed() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.0 200 OK\r\n\r\nold style");
    net.server(0).transport().loseConnection();
    net.flush();

    assertThat(successResultOf(successResultOf(pending).readBody(100)).utf8())
        .isEqualTo("old style");
  }

  @Test
  void aBodyCutByTheServerFailsWithResponseFailed() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
    net.flush();
    Deferred<Bytes> body = successResultOf(pending).readBody(100);
    net.server(0).transport().loseConnection();
    net.flush();

    ResponseFailed failed = (ResponseFailed) failureResultOf(body, ResponseFailed.class)
        .exception();
    assertThat(failed.getCause()).isInstanceOf(HttpParseException.class)
        .hasMessageContaining("before the end of the body");
  }

  @Test
  void readBodyFailsPastItsLimitAndTheConnectionIsNotReused() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello");
    net.flush();
    Deferred<Bytes> body = successResultOf(pending).readBody(10);
    net.server(0).send(" world");
    net.flush();

    BodyTooLarge tooLarge = (BodyTooLarge) failureResultOf(body, BodyTooLarge.class).exception();
    assertThat(tooLarge.limit()).isEqualTo(10);
    assertThat(tooLarge).hasMessage("response body larger than 10 bytes");
    assertThat(net.closed(0)).isTrue();
    assertThat(net.pool.openCount(new Origin("http", "example.com", 80))).isZero();
  }

  @Test
  void aBodyReceivedWholeKeepsItsConnectionEvenWhenTheReaderRefusesIt() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).ok("hello world");
    net.flush();

    failureResultOf(successResultOf(pending).readBody(10), BodyTooLarge.class);
    assertThat(net.closed(0)).isFalse();
    assertThat(net.pool.idleCount(new Origin("http", "example.com", 80))).isEqualTo(1);
  }

  @Test
  void aMalformedResponseFailsWithResponseFailedAndClosesTheConnection() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
    net.flush();

    ResponseFailed failed = (ResponseFailed) failureResultOf(pending, ResponseFailed.class)
        .exception();
    assertThat(failed.getCause()).isInstanceOf(HttpParseException.class);
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aHeadPastTheLimitsFailsClearly() {
    Agent strict = net.agent(AgentOptions.DEFAULT.withLimits(
        HttpLimits.DEFAULT.withMaxHeaderSectionSize(64)));
    Deferred<Response> pending = strict.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nX-Padding: " + "x".repeat(100) + "\r\n\r\n");
    net.flush();

    assertThat(failureResultOf(pending, ResponseFailed.class).exception().getCause())
        .isInstanceOfSatisfying(HttpParseException.class,
            e -> assertThat(e.status()).isEqualTo(502));
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aBadStatusLineFailsClearly() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 OK\r\n\r\n");
    net.flush();

    assertThat(failureResultOf(pending, ResponseFailed.class).exception().getCause())
        .isInstanceOf(HttpParseException.class);
  }

  @Test
  void aConnectionClosedBeforeAnyResponseFailsWithResponseNeverReceived() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).transport().loseConnection();
    net.flush();

    assertThat(failureResultOf(pending, ResponseNeverReceived.class).exception().getCause())
        .isInstanceOf(ConnectionDone.class);
  }

  @Test
  void aHeadCutShortFailsWithResponseFailed() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Le");
    net.server(0).transport().loseConnection();
    net.flush();

    failureResultOf(pending, ResponseFailed.class);
  }

  @Test
  void interimResponsesAreSkipped() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s>\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\n\r\n");
    net.flush();

    Response response = successResultOf(pending);
    assertThat(response.status()).isEqualTo(204);
    assertThat(successResultOf(response.readBody(0)).size()).isZero();
  }

  @Test
  void anUnaskedSwitchOfProtocolsFails() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
    net.flush();

    assertThat(failureResultOf(pending, ResponseFailed.class).exception())
        .hasMessageContaining("101");
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aHeadResponseHasNoBodyWhateverItsLength() {
    Deferred<Response> pending = agent.request(HttpMethod.HEAD, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
    net.flush();

    Response response = successResultOf(pending);
    assertThat(successResultOf(response.readBody(10)).size()).isZero();
    assertThat(net.pool.idleCount(new Origin("http", "example.com", 80))).isEqualTo(1);
  }
}
