package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One long exchange of every kind of request on one connection, fed whole, byte by byte and in
 * random pieces: the answers must not depend on how the network cut the input.
 */
@TwineTest
class ConversationTest {
  private static final String INPUT = String.join("",
      "GET /text?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
      "HEAD /text HTTP/1.1\r\nHost: a\r\n\r\n",
      "OPTIONS /text HTTP/1.1\r\nHost: a\r\n\r\n",
      "DELETE /text HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET /missing HTTP/1.1\r\nHost: a\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
      "3\r\nabc\r\n4;name=value\r\ndefg\r\n0\r\nTrailer: yes\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
      "\r\n",
      "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n",
      "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET /text HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
      "GET /text HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
      "GET /text HTTP/1.1\r\nHost: a\r\n\r\n");

  private static Resource root() {
    Resource root = new Resource();
    root.putChild("text", new Resource().on(HttpMethod.GET, request -> Rendered.body("text")));
    root.putChild("echo", new Resource().on(HttpMethod.POST,
        request -> Rendered.later(request.content())));
    root.putChild("stream", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("a"));
      request.write(Bytes.ascii("b"));
      request.finish();
      return Rendered.streaming();
    }));
    return root;
  }

  static List<Chunks.Split> splits() {
    return Chunks.all(Wire.latin1(INPUT), 2025);
  }

  @ParameterizedTest
  @MethodSource("splits")
  void answersTheSameWhateverTheCuts(Chunks.Split split, Clock clock) {
    check(split, clock);
  }

  @RepeatedTest(20)
  void answersTheSameForManyRandomCuts(RepetitionInfo repetition, Clock clock) {
    check(new Chunks.Split("random", Chunks.random(Wire.latin1(INPUT),
        repetition.getCurrentRepetition())), clock);
  }

  private static void check(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    List<Wire.Response> responses = wire.responses(List.of(HttpMethod.GET, HttpMethod.HEAD));
    assertThat(responses).extracting(r -> r.status() + " " + r.body().replaceAll("(?s)<.*", "<page>"))
        .containsExactly("200 text", "200 ", "200 ", "405 <page>", "404 <page>", "200 abcdefg",
            "200 hello", "200 ab", "200 ", "200 text", "200 text");
    assertThat(responses.get(1).header("Content-Length")).contains("4");
    assertThat(responses.get(2).header("Allow")).contains("GET, HEAD, OPTIONS");
    assertThat(responses.get(7).header("Transfer-Encoding")).contains("chunked");
    assertThat(responses.get(9).header("Connection")).contains("keep-alive");
    assertThat(responses.get(10).header("Connection")).contains("close");
    assertThat(wire.lost()).isTrue();
  }
}
