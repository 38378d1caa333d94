package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HEAD, OPTIONS, 405 with Allow, 404, CONNECT: the answers that depend on the method. */
@TwineTest
class MethodsTest {
  private static Resource root() {
    Resource root = new Resource();
    root.putChild("doc", new Resource()
        .on(HttpMethod.GET, request -> {
          request.setHeader("Content-Type", "text/plain");
          return Rendered.body("the document");
        })
        .on(HttpMethod.PUT, request -> Rendered.body("stored")));
    root.putChild("stream", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("12345"));
      request.write(Bytes.ascii("678"));
      request.finish();
      return Rendered.streaming();
    }));
    root.putChild("section", new Resource());
    return root;
  }

  static List<Chunks.Split> headThenGet() {
    return Chunks.all(Wire.latin1("HEAD /doc HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /doc HTTP/1.1\r\nHost: a\r\n\r\n"), 3);
  }

  @ParameterizedTest
  @MethodSource("headThenGet")
  void answersHeadWithTheHeadersOfGetAndNoBody(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    List<Wire.Response> responses = wire.responses(List.of(HttpMethod.HEAD));
    assertThat(responses).hasSize(2);
    Wire.Response head = responses.get(0);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).contains("12");
    assertThat(head.header("Content-Type")).contains("text/plain");
    assertThat(responses.get(1).body()).isEqualTo("the document");
    assertThat(wire.written()).containsOnlyOnce("the document");
    wire.close();
  }

  @Test
  void countsTheBytesOfAStreamedResponseToHead(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("HEAD /stream HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire.Response head = wire.responses(List.of(HttpMethod.HEAD)).get(0);
    assertThat(head.header("Content-Length")).contains("8");
    assertThat(wire.written()).endsWith("\r\n\r\n").doesNotContain("12345");
    wire.close();
  }

  @Test
  void answersOptionsWithTheAllowedMethods(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("OPTIONS /doc HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Allow")).contains("GET, PUT, HEAD, OPTIONS");
    assertThat(response.header("Content-Length")).contains("0");
    wire.close();
  }

  @Test
  void answersOptionsStarWithoutWalkingTheTree(Clock clock) {
    Wire wire = new Wire(new Resource(), clock);
    wire.send("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Length")).contains("0");
    wire.close();
  }

  @Test
  void refusesAMethodTheResourceDoesNotHandleWith405AndAllow(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("DELETE /doc HTTP/1.1\r\nHost: a\r\n\r\n"
        + "TRACE /doc HTTP/1.1\r\nHost: a\r\n\r\n");
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).hasSize(2);
    for (Wire.Response response : responses) {
      assertThat(response.status()).isEqualTo(405);
      assertThat(response.header("Allow")).contains("GET, PUT, HEAD, OPTIONS");
      assertThat(response.header("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(response.body()).contains("405 Method Not Allowed");
    }
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void answersAMissingChildAndABareBranchWith404(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /nothing/here HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /section HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).extracting(Wire.Response::status).containsExactly(404, 404, 404);
    assertThat(responses.get(0).body()).contains("<title>404 Not Found</title>");
    wire.close();
  }

  @Test
  void answersConnectWith501(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    assertThat(wire.response().status()).isEqualTo(501);
    wire.close();
  }

  @Test
  void usesAHeadRendererWhenOneIsRegistered(Clock clock) {
    Resource root = new Resource();
    root.putChild("x", new Resource()
        .on(HttpMethod.GET, request -> Rendered.body("long body"))
        .on(HttpMethod.HEAD, request -> {
          request.setHeader("X-Head", "own");
          return Rendered.body("");
        }));
    Wire wire = new Wire(root, clock);
    wire.send("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire.Response response = wire.responses(List.of(HttpMethod.HEAD)).get(0);
    assertThat(response.header("X-Head")).contains("own");
    assertThat(response.header("Content-Length")).contains("0");
    wire.close();
  }
}
