package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures of resources and of clients: the status, the page, and whether the connection stays. */
@TwineTest
class ErrorsTest {
  private final List<Deferred<Bytes>> contents = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("ok", new Resource().on(HttpMethod.GET, request -> Rendered.body("ok")));
    root.putChild("boom", new Resource().on(HttpMethod.GET, request -> {
      throw new IllegalStateException("the secret database password is hunter2");
    }));
    root.putChild("later", new Resource().on(HttpMethod.GET, request ->
        Rendered.later(Deferred.fail(new IllegalStateException("failed later")))));
    root.putChild("midway", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("started"));
      throw new IllegalStateException("failed midway");
    }));
    root.putChild("progress", new Resource().on(HttpMethod.POST, request -> {
      request.write(Bytes.ascii("receiving..."));
      contents.add(request.content());
      return Rendered.streaming();
    }));
    root.putChild("receiver", new Resource().on(HttpMethod.POST, request -> {
      request.deliverBody(new RequestBodyTest.Recording() {
        @Override
        public void bodyReceived(Bytes data) {
          throw new IllegalArgumentException("cannot take " + data.utf8());
        }
      });
      return Rendered.streaming();
    }));
    root.putChild("upload", new Resource().on(HttpMethod.POST, request -> {
      Deferred<Bytes> content = request.content();
      contents.add(content);
      return Rendered.streaming();
    }));
    return root;
  }

  @Test
  void answersAThrowingResourceWith500AndNoStackTrace(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /boom HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).extracting(Wire.Response::status).containsExactly(500, 200);
    assertThat(responses.get(0).body()).contains("500 Internal Server Error")
        .doesNotContain("hunter2").doesNotContain("IllegalStateException")
        .doesNotContain("at dev.twine");
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void showsTheStackTraceOfA500InDebugMode(Clock clock) {
    Wire wire = new Wire(root(), clock, SiteOptions.DEFAULT.withDebug(true));
    wire.send("GET /boom HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().body())
        .contains("java.lang.IllegalStateException: the secret database password is hunter2")
        .contains("at dev.twine.web.ErrorsTest");
    wire.close();
  }

  @Test
  void answersAFailedDeferredWith500(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /later HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().status()).isEqualTo(500);
    wire.close();
  }

  @Test
  void abortsTheConnectionWhenAStartedResponseFails(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /midway HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.transport.aborted()).isTrue();
    assertThat(wire.written()).contains("started").doesNotContain("500");
  }

  /** Malformed or oversized input, the status it gets, and the limits to apply. */
  static Stream<Arguments> badRequests() {
    HttpLimits small = HttpLimits.DEFAULT.withMaxStartLineLength(64)
        .withMaxHeaderSectionSize(64).withMaxBodySize(10);
    return Stream.of(
        Arguments.of("bare LF", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400, small),
        Arguments.of("missing Host", "GET / HTTP/1.1\r\n\r\n", 400, small),
        Arguments.of("CL and TE", "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, small),
        Arguments.of("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n", 400, small),
        Arguments.of("path not UTF-8", "GET /%C3%28 HTTP/1.1\r\nHost: a\r\n\r\n", 400, small),
        Arguments.of("long request line", "GET /" + "a".repeat(100) + " HTTP/1.1\r\n\r\n", 414,
            small),
        Arguments.of("large header section", "GET / HTTP/1.1\r\nHost: a\r\nX: "
            + "b".repeat(100) + "\r\n\r\n", 431, small),
        Arguments.of("large Content-Length", "POST /upload HTTP/1.1\r\nHost: a\r\n"
            + "Content-Length: 11\r\n\r\n", 413, small),
        Arguments.of("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, small),
        Arguments.of("unknown coding", "POST /upload HTTP/1.1\r\nHost: a\r\n"
            + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501, small));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void answersBadInputWithItsStatusAndCloses(String name, String input, int status,
      HttpLimits limits, Clock clock) {
    for (Chunks.Split split : Chunks.all(Wire.latin1(input), 5)) {
      Wire wire = new Wire(root(), clock, SiteOptions.DEFAULT.withLimits(limits));
      wire.send(split);
      Wire.Response response = wire.response();
      assertThat(response.status()).as(split.toString()).isEqualTo(status);
      assertThat(response.header("Connection")).contains("close");
      assertThat(response.body()).contains("<h1>" + status + " ");
      assertThat(wire.transport.writeDisconnecting()).isTrue();
      wire.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(wire.responses()).hasSize(1);
      wire.close();
    }
  }

  @Test
  void answersABadRequestAfterTheGoodOnesBeforeIt(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET / HTTP/1.1\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::status).containsExactly(200, 200, 400);
    assertThat(wire.closed()).isTrue();
    wire.close();
  }

  @Test
  void answers413InPlaceOfAResourceReadingAChunkedBodyThatIsTooLarge(Clock clock) {
    Wire wire = new Wire(root(), clock,
        SiteOptions.DEFAULT.withLimits(HttpLimits.DEFAULT.withMaxBodySize(10)));
    wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Connection")).contains("close");
    HttpParseException failure = (HttpParseException) failureResultOf(contents.get(0),
        HttpParseException.class).exception();
    assertThat(failure.status()).isEqualTo(413);
    wire.close();
  }

  @Test
  void abortsAStartedResponseWhoseRequestBodyBreaksALimit(Clock clock) {
    Wire wire = new Wire(root(), clock,
        SiteOptions.DEFAULT.withLimits(HttpLimits.DEFAULT.withMaxBodySize(4)));
    wire.send("POST /progress HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "8\r\n12345678\r\n");
    assertThat(wire.written()).contains("receiving...");
    assertThat(wire.transport.aborted()).isTrue();
    failureResultOf(contents.get(0), HttpParseException.class);
  }

  @Test
  void answersA500WhenABodyReceiverThrows(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /receiver HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody"
        + "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::status).containsExactly(500, 200);
    wire.close();
  }
}
