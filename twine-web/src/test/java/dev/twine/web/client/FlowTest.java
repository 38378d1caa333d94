package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Consumer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.Arrays;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backpressure both ways: streamed uploads and downloads take bounded memory. */
@TwineTest
class FlowTest {
  private static final String URL = "http://example.com/";

  private final MemoryNet net;

  FlowTest(Clock clock) {
    net = new MemoryNet(clock, PoolOptions.DEFAULT,
        Loopback.Options.DEFAULT.withWaterMarks(1024, 512));
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }

  @Test
  void anUploadOfUnknownLengthIsChunkedAndPausedWhileTheNetworkIsBehind() {
    StreamingProducer upload = new StreamingProducer();
    Deferred<Response> pending = net.agent().request(HttpMethod.PUT, URL,
        Headers.of("Content-Type", "text/plain"), upload);
    net.accept();
    assertThat(net.server(0).unfinished().orElseThrow().headers().first("Transfer-Encoding"))
        .contains("chunked");

    upload.write(repeat('a', 600));
    assertThat(upload.paused()).isFalse();
    upload.write(repeat('b', 600));
    assertThat(upload.paused()).isTrue();
    net.flush();
    assertThat(upload.paused()).isFalse();
    assertThat(net.server(0).unfinishedBodySize()).isEqualTo(1200);
    upload.write("end");
    upload.finish();
    net.flush();

    assertThat(net.server(0).request().body().utf8())
        .isEqualTo(repeat('a', 600) + repeat('b', 600) + "end");
    net.server(0).ok("stored");
    net.flush();
    assertThat(successResultOf(pending).status()).isEqualTo(200);
  }

  @Test
  void anUploadOfKnownLengthHasAContentLength() {
    StreamingProducer upload = new StreamingProducer(OptionalLong.of(6));
    net.agent().request(HttpMethod.POST, URL, new Headers(), upload);
    net.accept();
    upload.write("abc");
    upload.write("def");
    upload.finish();
    net.flush();

    assertThat(net.server(0).request().head().headers().first("Content-Length")).contains("6");
    assertThat(net.server(0).request().body().utf8()).isEqualTo("abcdef");
  }

  @Test
  void aProducerThatWritesMoreThanItsLengthFailsTheRequest() {
    StreamingProducer upload = new StreamingProducer(OptionalLong.of(3));
    Deferred<Response> pending = net.agent().request(HttpMethod.POST, URL, new Headers(), upload);
    net.accept();
    upload.write("abcd");
    net.flush();

    assertThat(failureResultOf(pending, RequestTransmissionFailed.class).exception().getCause())
        .hasMessageContaining("more than its length");
    assertThat(upload.stopped()).isTrue();
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aProducerThatWritesLessThanItsLengthFailsTheRequest() {
    StreamingProducer upload = new StreamingProducer(OptionalLong.of(10));
    Deferred<Response> pending = net.agent().request(HttpMethod.POST, URL, new Headers(), upload);
    net.accept();
    upload.write("abc");
    upload.finish();
    net.flush();

    assertThat(failureResultOf(pending, RequestTransmissionFailed.class).exception().getCause())
        .hasMessageContaining("less than its length");
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aProducerThatFailsFailsTheRequestWithItsError() {
    StreamingProducer upload = new StreamingProducer();
    Deferred<Response> pending = net.agent().request(HttpMethod.POST, URL, new Headers(), upload);
    net.accept();
    upload.fail(new IllegalStateException("disk gone"));
    net.flush();

    assertThat(failureResultOf(pending, RequestTransmissionFailed.class).exception().getCause())
        .hasMessage("disk gone");
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aProducerMustNotRegisterItself() {
    BodyProducer selfRegistering = new BodyProducer() {
      @Override
      public OptionalLong length() {
        return OptionalLong.empty();
      }

      @Override
      public Deferred<@Nullable Void> startProducing(Consumer consumer) {
        consumer.registerProducer(this, true);
        return Deferred.succeed(null);
      }

      @Override
      public void pauseProducing() {}

      @Override
      public void resumeProducing() {}

      @Override
      public void stopProducing() {}
    };
    Deferred<Response> pending =
        net.agent().request(HttpMethod.POST, URL, new Headers(), selfRegistering);
    net.accept();

    assertThat(failureResultOf(pending, RequestTransmissionFailed.class).exception().getCause())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("registers");
  }

  @Test
  void aPausedBodyStopsTheConnectionReadingUntilResumed() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nfirst");
    net.flush();
    BodyRecorder body = new BodyRecorder();
    successResultOf(pending).deliverBody(body);
    assertThat(body.text()).isEqualTo("first");

    body.transport().pauseProducing();
    net.server(0).send("end");
    net.flush();
    assertThat(body.text()).isEqualTo("first");
    body.transport().resumeProducing();
    net.flush();
    assertThat(body.text()).isEqualTo("firstend");
    assertThat(body.reason()).isInstanceOf(ResponseDone.class);
  }

  @Test
  void aBodyNobodyAskedForStopsTheConnectionReadingPastSixtyFourKibibytes() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    int size = 200 * 1024;
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
    net.flush();
    Response response = successResultOf(pending);
    for (int i = 0; i < 200; i++) {
      net.server(0).send(repeat('x', 1024));
      net.flush();
    }
    assertThat(net.server(0).lost()).isEmpty();

    BodyRecorder body = new BodyRecorder();
    response.deliverBody(body);
    assertThat(body.size()).isBetween(64L * 1024, 130L * 1024);
    net.flush();
    assertThat(body.size()).isEqualTo(size);
    assertThat(body.reason()).isInstanceOf(ResponseDone.class);
  }

  @Test
  void aBodyProtocolCannotWriteAndStoppingItAbortsTheConnection() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nfirst");
    net.flush();
    BodyRecorder body = new BodyRecorder();
    successResultOf(pending).deliverBody(body);

    assertThatThrownBy(() -> body.transport().write(Bytes.utf8("no")))
        .isInstanceOf(IllegalStateException.class);
    body.transport().loseConnection();
    net.flush();
    assertThat(body.reason()).isInstanceOf(ResponseFailed.class);
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void writeBodyToStreamsToAConsumerThatCanPauseIt() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\none\r\n");
    net.flush();
    StringTransport file = new StringTransport();
    Deferred<@Nullable Void> written = successResultOf(pending).writeBodyTo(file);
    assertThat(file.value().utf8()).isEqualTo("one");
    assertThat(file.streaming()).isTrue();

    ((PushProducer) file.producer().orElseThrow()).pauseProducing();
    net.server(0).send("3\r\ntwo\r\n0\r\n\r\n");
    net.flush();
    assertThat(file.value().utf8()).isEqualTo("one");
    assertNoResult(written);
    ((PushProducer) file.producer().orElseThrow()).resumeProducing();
    net.flush();

    assertThat(file.value().utf8()).isEqualTo("onetwo");
    successResultOf(written);
    assertThat(file.producer()).isEmpty();
  }

  @Test
  void aBodyProtocolThatStopsInsideDataReceivedEndsOnce() {
    Deferred<Response> pending = net.agent().request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    net.flush();
    BodyRecorder seen = new BodyRecorder();
    successResultOf(pending).deliverBody(new Protocol() {
      @Override
      public void connectionMade() {
        seen.makeConnection(transport());
      }

      @Override
      public void dataReceived(Bytes data) {
        seen.dataReceived(data);
        transport().loseConnection();
      }

      @Override
      public void connectionLost(Failure reason) {
        seen.connectionLost(reason);
      }
    });
    net.flush();

    assertThat(seen.text()).isEqualTo("abc");
    assertThat(seen.reason()).isInstanceOf(ResponseFailed.class);
  }
}
