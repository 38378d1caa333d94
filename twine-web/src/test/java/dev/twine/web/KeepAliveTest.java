package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Persistent connections: which responses keep the connection open, and what they say. */
@TwineTest
class KeepAliveTest {
  private static Resource root() {
    Resource root = new Resource();
    root.putChild("hello", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Type", "text/plain");
      return Rendered.body("Hello!");
    }));
    root.putChild("stream", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("one,"));
      request.write(Bytes.ascii("two"));
      request.finish();
      return Rendered.streaming();
    }));
    return root;
  }

  static List<Chunks.Split> twoRequests() {
    return Chunks.all(Wire.latin1("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /hello?again HTTP/1.1\r\nHost: a\r\n\r\n"), 7);
  }

  @ParameterizedTest
  @MethodSource("twoRequests")
  void answersTwoRequestsOnOneHttp11Connection(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).hasSize(2);
    for (Wire.Response response : responses) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("Hello!");
      assertThat(response.header("Content-Length")).contains("6");
      assertThat(response.header("Content-Type")).contains("text/plain");
      assertThat(response.header("Connection")).isEmpty();
    }
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void connectionsOfOneSiteKeepTheirRequestsApartBetweenAndAcrossPieces(Clock clock) {
    Site site = new Site(root(), clock, Wire.calendar(clock), SiteOptions.DEFAULT);
    Wire first = new Wire(site, clock, new StringTransport());
    Wire second = new Wire(site, clock, new StringTransport());
    first.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /str");
    second.send("GET /stream HTTP/1.1\r\nHost: b\r\n\r\n");
    second.send("GET /hello HTTP/1.1\r\nHo");
    first.send("eam HTTP/1.1\r\nHost: a\r\n\r\n");
    second.send("st: b\r\n\r\n");
    first.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");

    assertThat(first.responses()).extracting(Wire.Response::body)
        .containsExactly("Hello!", "one,two", "Hello!");
    assertThat(second.responses()).extracting(Wire.Response::body)
        .containsExactly("one,two", "Hello!");
    assertThat(first.closed()).isFalse();
    assertThat(second.closed()).isFalse();
    first.close();
    second.close();
  }

  @Test
  void sendsTheServerAndDateHeaders(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire.Response response = wire.response();
    assertThat(response.header("Server")).hasValueSatisfying(
        server -> assertThat(server).matches("Twine/\\d+\\.\\d+\\.\\d+.*"));
    assertThat(response.header("Date")).contains("Sat, 01 Mar 2025 12:00:00 GMT");
    wire.close();
  }

  @Test
  void closesAfterAnHttp10RequestWithoutKeepAlive(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hello HTTP/1.0\r\n\r\nGET /hello HTTP/1.0\r\n\r\n");
    Wire.Response response = wire.response();
    assertThat(response.body()).isEqualTo("Hello!");
    assertThat(response.header("Connection")).contains("close");
    assertThat(wire.lost()).isTrue();
  }

  @Test
  void keepsAnHttp10ConnectionThatAsks(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        + "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).hasSize(2);
    assertThat(responses.get(1).header("Connection")).contains("keep-alive");
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void closesAfterARequestThatSaysClose(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        + "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().header("Connection")).contains("close");
    assertThat(wire.lost()).isTrue();
  }

  @Test
  void chunksAStreamedResponseForHttp11(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.written()).contains("Transfer-Encoding: chunked\r\n")
        .endsWith("\r\n\r\n4\r\none,\r\n3\r\ntwo\r\n0\r\n\r\n");
    assertThat(wire.response().body()).isEqualTo("one,two");
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void delimitsAStreamedResponseByClosingForHttp10(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertThat(wire.written()).doesNotContain("Transfer-Encoding").doesNotContain("Content-Length")
        .contains("Connection: close\r\n").endsWith("\r\n\r\none,two");
    assertThat(wire.lost()).isTrue();
    assertThat(wire.response().body()).isEqualTo("one,two");
  }

  @Test
  void answersAnEmptyStreamedResponseWithContentLengthZero(Clock clock) {
    Resource root = new Resource();
    root.putChild("", new Resource().on(HttpMethod.GET, request -> {
      request.finish();
      return Rendered.streaming();
    }));
    Wire wire = new Wire(root, clock);
    wire.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().header("Content-Length")).contains("0");
    wire.close();
  }

  @Test
  void honoursConnectionCloseSetByTheResource(Clock clock) {
    Resource root = new Resource();
    root.putChild("bye", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Connection", "close");
      return Rendered.body("bye");
    }));
    Wire wire = new Wire(root, clock);
    wire.send("GET /bye HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().body()).isEqualTo("bye");
    assertThat(wire.lost()).isTrue();
  }
}
