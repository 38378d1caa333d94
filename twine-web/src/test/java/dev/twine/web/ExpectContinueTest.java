package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Expect: 100-continue}: the interim answer comes only when the body is wanted. */
@TwineTest
class ExpectContinueTest {
  private static final String UPLOAD = "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
      + "Expect: 100-continue\r\n\r\n";

  private final List<Request> requests = new ArrayList<>();
  private final List<Deferred<Bytes>> slow = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("upload", new Resource().on(HttpMethod.POST, request -> {
      requests.add(request);
      return Rendered.streaming();
    }));
    root.putChild("refuse", new Resource().on(HttpMethod.POST,
        request -> ErrorPage.respond(request, 403, "No uploads today.")));
    root.putChild("slow", new Resource().on(HttpMethod.GET, request -> {
      Deferred<Bytes> body = new Deferred<>();
      slow.add(body);
      return Rendered.later(body);
    }));
    return root;
  }

  @Test
  void sendsContinueWhenTheResourceAsksForTheBody(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(UPLOAD);
    assertThat(wire.written()).isEmpty();

    Deferred<Bytes> content = requests.get(0).content();
    assertThat(wire.written()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    wire.send("hello");
    content.map(body -> {
      requests.get(0).write(body);
      requests.get(0).finish();
      return null;
    });
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).extracting(Wire.Response::status).containsExactly(100, 200);
    assertThat(responses.get(1).body()).isEqualTo("hello");
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void closesAfterAnsweringWithoutTheBodyTheClientHeldBack(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(UPLOAD.replace("/upload", "/refuse"));
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Connection")).contains("close");
    assertThat(wire.written()).doesNotContain("100 Continue");
    assertThat(wire.closed()).isTrue();
    wire.close();
  }

  @Test
  void sendsNoContinueOnceTheBodyIsArriving(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(UPLOAD + "hel");
    Deferred<Bytes> content = requests.get(0).content();
    assertThat(wire.written()).isEmpty();
    wire.send("lo");
    assertThat(successResultOf(content).utf8()).isEqualTo("hello");
    requests.get(0).finish();
    wire.close();
  }

  @Test
  void sendsContinueOfAPipelinedRequestWhenItsTurnComes(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n" + UPLOAD);
    requests.get(0).content();
    assertThat(wire.written()).isEmpty();

    slow.get(0).callback(Bytes.ascii("first"));
    assertThat(wire.written()).endsWith("first" + "HTTP/1.1 100 Continue\r\n\r\n");
    wire.send("hello");
    requests.get(0).finish();
    wire.close();
  }

  @Test
  void refusesOtherExpectationsWith417(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
        + "Expect: something-else\r\n\r\nhello");
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(417);
    assertThat(response.header("Connection")).contains("close");
    assertThat(requests).isEmpty();
    wire.close();
  }

  @Test
  void ignoresTheExpectationOfARequestWithoutBody(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n");
    requests.get(0).content();
    requests.get(0).finish();
    assertThat(wire.response().status()).isEqualTo(200);
    assertThat(wire.closed()).isFalse();
    wire.close();
  }
}
