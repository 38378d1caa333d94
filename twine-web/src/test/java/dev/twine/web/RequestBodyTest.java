package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport.ProducerState;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request bodies: buffered, streamed with backpressure, chunked, left unread. */
@TwineTest
class RequestBodyTest {
  private final List<Request> requests = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("echo", new Resource().on(HttpMethod.POST, request ->
        Rendered.later(request.content().map(body -> Bytes.ascii("got ").concat(body)))));
    root.putChild("hold", new Resource().on(HttpMethod.POST, request -> {
      requests.add(request);
      return Rendered.streaming();
    }));
    root.putChild("ignore", new Resource().on(HttpMethod.POST, request -> Rendered.body("no")));
    root.putChild("ok", new Resource().on(HttpMethod.GET, request -> Rendered.body("ok")));
    return root;
  }

  static List<Chunks.Split> chunkedUpload() {
    return Chunks.all(Wire.latin1("POST /echo HTTP/1.1\r\nHost: a\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n"
        + "0\r\nX-Sum: 11\r\n\r\nPOST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"),
        11);
  }

  @ParameterizedTest
  @MethodSource("chunkedUpload")
  void readsChunkedAndLengthDelimitedBodies(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    assertThat(wire.responses()).extracting(Wire.Response::body)
        .containsExactly("got hello world", "got abc");
    wire.close();
  }

  @Test
  void deliversTrailersAndPiecesToAReceiver(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    Recording receiver = new Recording();
    requests.get(0).deliverBody(receiver);
    wire.send("2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n");
    assertThat(receiver.events).containsExactly("abc", "de", "end {X-Sum: 5}");
    requests.get(0).finish();
    wire.close();
  }

  @Test
  void stopsReadingWhileTheReceiverIsPaused(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n");
    Recording receiver = new Recording();
    requests.get(0).deliverBody(receiver);
    receiver.producer.pauseProducing();
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PAUSED);
    wire.send("abc");
    assertThat(receiver.events).isEmpty();

    receiver.producer.resumeProducing();
    assertThat(receiver.events).containsExactly("abc");
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    wire.send("def");
    assertThat(receiver.events).containsExactly("abc", "def", "end {}");
    requests.get(0).finish();
    wire.close();
  }

  @Test
  void stopsReadingWhenTooMuchOfAnUnreadBodyWaits(Clock clock) {
    Wire wire = new Wire(root(), clock);
    int size = 3 * RequestBody.WINDOW;
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nContent-Length: " + size + "\r\n\r\n");
    wire.send("x".repeat(RequestBody.WINDOW));
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PAUSED);

    Deferred<Bytes> content = requests.get(0).content();
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    wire.send("y".repeat(2 * RequestBody.WINDOW));
    assertThat(successResultOf(content).size()).isEqualTo(size);
    requests.get(0).finish();
    wire.close();
  }

  @Test
  void throwsAwayABodyTheResourceDidNotReadAndServesTheNextRequest(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /ignore HTTP/1.1\r\nHost: a\r\nContent-Length: 200000\r\n\r\n");
    wire.send("z".repeat(200_000) + "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly("no", "ok");
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    wire.close();
  }

  @Test
  void givesTheSameContentToEveryCaller(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi");
    Request request = requests.get(0);
    Deferred<Bytes> first = request.content();
    assertThat(successResultOf(request.content())).isEqualTo(successResultOf(first));
    assertThatThrownBy(() -> request.deliverBody(new Recording()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    request.finish();
    wire.close();
  }

  @Test
  void reportsTheLengthKnownInAdvance(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
        + "POST /hold HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertThat(requests.get(0).contentLength()).hasValue(2);
    assertThat(requests.get(1).contentLength()).isEmpty();
    requests.forEach(Request::finish);
    wire.close();
  }

  /** Records what a receiver hears. */
  static class Recording implements BodyReceiver {
    final List<String> events = new ArrayList<>();
    final Buffer body = new Buffer();
    PushProducer producer;

    @Override
    public void bodyStarted(PushProducer flow) {
      producer = flow;
    }

    @Override
    public void bodyReceived(Bytes data) {
      events.add(data.utf8());
      body.write(data);
    }

    @Override
    public void bodyEnded(Headers trailers) {
      events.add("end " + trailers);
    }

    @Override
    public void bodyFailed(Failure reason) {
      events.add("failed " + reason.type().getSimpleName());
    }
  }
}
