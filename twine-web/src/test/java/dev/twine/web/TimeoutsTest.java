package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header, body and idle timeouts, driven by the clock. */
@TwineTest
class TimeoutsTest {
  private final List<Request> requests = new ArrayList<>();
  private final List<Deferred<Bytes>> slow = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("ok", new Resource().on(HttpMethod.GET, request -> Rendered.body("ok")));
    root.putChild("hold", new Resource().on(HttpMethod.POST, request -> {
      requests.add(request);
      return Rendered.streaming();
    }));
    root.putChild("slow", new Resource().on(HttpMethod.GET, request -> {
      Deferred<Bytes> body = new Deferred<>();
      slow.add(body);
      return Rendered.later(body);
    }));
    return root;
  }

  @Test
  void closesASilentConnectionWhenIdle(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.advance(14.9);
    assertThat(wire.closed()).isFalse();
    wire.advance(0.1);
    assertThat(wire.lost()).isTrue();
    assertThat(wire.written()).isEmpty();
  }

  @Test
  void closesAKeptAliveConnectionIdleAfterItsLastResponse(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.advance(10);
    wire.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    wire.advance(14.9);
    assertThat(wire.closed()).isFalse();
    wire.advance(0.1);
    assertThat(wire.lost()).isTrue();
    assertThat(wire.response().body()).isEqualTo("ok");
  }

  @Test
  void answersAHeaderSectionThatTricklesInWith408(Clock clock) {
    Wire wire = new Wire(root(), clock);
    String request = "GET /ok HTTP/1.1\r\nHost: a\r\nX-Slow: " + "s".repeat(40);
    for (int i = 0; i < 10; i++) {
      wire.send(request.substring(i, i + 1));
      wire.advance(0.99);
    }
    assertThat(wire.written()).isEmpty();
    wire.advance(0.1);
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(408);
    assertThat(response.header("Connection")).contains("close");
    assertThat(wire.transport.writeDisconnecting()).isTrue();

    wire.send("more bytes are read and dropped");
    wire.advance(HttpChannel.LINGER.toSeconds());
    assertThat(wire.lost()).isTrue();
  }

  @Test
  void answersABodyThatStallsWith408(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n");
    Deferred<Bytes> content = requests.get(0).content();
    for (int i = 0; i < 5; i++) {
      wire.advance(29);
      wire.send("x");
    }
    assertThat(wire.written()).isEmpty();
    wire.advance(30);
    assertThat(wire.response().status()).isEqualTo(408);
    HttpParseException stalled =
        (HttpParseException) failureResultOf(content, HttpParseException.class).exception();
    assertThat(stalled.status()).isEqualTo(408);
    wire.close();
  }

  @Test
  void runsNoBodyTimeoutWhileTheResourceHoldsTheBodyBack(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /hold HTTP/1.1\r\nHost: a\r\nContent-Length: "
        + (2 * RequestBody.WINDOW) + "\r\n\r\n" + "x".repeat(RequestBody.WINDOW));
    wire.advance(120);
    assertThat(wire.closed()).isFalse();
    Deferred<Bytes> content = requests.get(0).content();
    wire.send("y".repeat(RequestBody.WINDOW));
    assertThat(content.called()).isTrue();
    requests.get(0).finish();
    wire.close();
  }

  @Test
  void runsNoTimeoutWhileTheServerIsBusy(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
    wire.advance(600);
    assertThat(wire.closed()).isFalse();
    slow.get(0).callback(Bytes.ascii("at last"));
    assertThat(wire.response().body()).isEqualTo("at last");
    wire.close();
  }

  @Test
  void honoursConfiguredTimeouts(Clock clock) {
    Wire wire = new Wire(root(), clock, SiteOptions.DEFAULT
        .withIdleTimeout(Duration.ofSeconds(1))
        .withHeaderTimeout(Duration.ofMillis(500)));
    wire.send("G");
    wire.advance(0.5);
    assertThat(wire.response().status()).isEqualTo(408);
    wire.close();
  }
}
