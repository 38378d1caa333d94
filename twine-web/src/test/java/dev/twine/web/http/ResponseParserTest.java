package dev.twine.web.http;

import static dev.twine.web.http.Recorder.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.Recorder.Message;
import dev.twine.web.http.Recorder.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Responses read by their framing, which depends on the requests they answer. */
class ResponseParserTest {

  /** Responses on the wire to requests with the given methods, and what they must give. */
  record Case(String name, List<HttpMethod> methods, String wire,
      List<Message<ResponseHead>> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Message<ResponseHead> response(
      int status, String reason, Headers headers, String body) {
    return response(HttpVersion.HTTP_1_1, status, reason, headers, body, new Headers());
  }

  private static Message<ResponseHead> response(HttpVersion version, int status, String reason,
      Headers headers, String body, Headers trailers) {
    return new Message<>(new ResponseHead(version, status, reason, headers),
        Bytes.wrap(latin1(body)), trailers);
  }

  private static final HttpMethod GET = HttpMethod.GET;

  static final List<Case> CASES = List.of(
      new Case("Content-Length", List.of(GET),
          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
          List.of(response(200, "OK", Headers.of("Content-Length", "5"), "hello"))),
      new Case("chunked with trailers", List.of(GET),
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n",
          List.of(response(HttpVersion.HTTP_1_1, 200, "OK",
              Headers.of("Transfer-Encoding", "chunked"), "abc", Headers.of("X-Sum", "1")))),
      new Case("no body after HEAD, 204 and 304, whatever the fields",
          List.of(HttpMethod.HEAD, GET, GET, GET),
          "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
              + "HTTP/1.1 204 No Content\r\n\r\n"
              + "HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n"
              + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
          List.of(response(200, "OK", Headers.of("Content-Length", "100"), ""),
              response(204, "No Content", new Headers(), ""),
              response(304, "Not Modified", Headers.of("Content-Length", "7"), ""),
              response(200, "OK", Headers.of("Content-Length", "2"), "ok"))),
      new Case("interim responses before the final one", List.of(HttpMethod.POST, GET),
          "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
              + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
              + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
          List.of(response(100, "Continue", new Headers(), ""),
              response(103, "Early Hints", Headers.of("Link", "</a.css>"), ""),
              response(201, "Created", Headers.of("Content-Length", "0"), ""),
              response(200, "OK", Headers.of("Content-Length", "1"), "x"))),
      new Case("body delimited by closing", List.of(GET),
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until the end",
          List.of(response(200, "OK", Headers.of("Content-Type", "text/plain"),
              "all of this until the end"))),
      new Case("HTTP/1.0 without Content-Length", List.of(GET),
          "HTTP/1.0 200 OK\r\n\r\nold",
          List.of(response(HttpVersion.HTTP_1_0, 200, "OK", new Headers(), "old", new Headers()))),
      new Case("transfer coding without chunked last, delimited by closing", List.of(GET),
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n\u001f\u008b\u0008",
          List.of(response(200, "OK", Headers.of("Transfer-Encoding", "gzip"),
              "\u001f\u008b\u0008"))),
      new Case("reason phrases: empty, missing, with spaces and obs-text", List.of(GET, GET, GET),
          "HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\nHTTP/1.1 500\r\nContent-Length: 0\r\n\r\n"
              + "HTTP/1.1 200  Tr\u00e8s bien \r\nContent-Length: 0\r\n\r\n",
          List.of(response(404, "", Headers.of("Content-Length", "0"), ""),
              response(500, "", Headers.of("Content-Length", "0"), ""),
              response(200, " Tr\u00e8s bien ", Headers.of("Content-Length", "0"), ""))));

  static Stream<Arguments> splits() {
    return CASES.stream().flatMap(c -> Chunks.all(latin1(c.wire()), c.name().hashCode())
        .stream().map(split -> Arguments.of(c, split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void readsResponsesTheSameWhateverTheSplit(Case c, Chunks.Split split) {
    ResponseParser parser = new ResponseParser();
    c.methods().forEach(parser::requestSent);

    Outcome<ResponseHead> outcome = Recorder.responses(parser, split.chunks(), true);

    assertThat(outcome.status()).as("failure: %s", outcome.reason()).isZero();
    assertThat(outcome.unfinished()).isNull();
    assertThat(outcome.messages()).containsExactlyElementsOf(c.expected());
  }

  @Test
  void waitsForTheEndOfTheInputToEndABodyDelimitedByClosing() {
    ResponseParser parser = new ResponseParser();
    parser.requestSent(GET);
    parser.feed(Bytes.ascii("HTTP/1.1 200 OK\r\n\r\nabc"));

    assertThat(parser.next()).containsInstanceOf(ResponseHead.class);
    assertThat(parser.framing()).isEqualTo(Framing.UNTIL_CLOSE);
    assertThat(parser.contentLength()).isEmpty();
    assertThat(parser.next()).contains(new Content(Bytes.ascii("abc")));
    assertThat(parser.next()).isEmpty();

    parser.endOfInput();
    assertThat(parser.next()).contains(new MessageEnd(new Headers()));
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void stopsAfterSwitchingProtocolsAndHandsOverTheRest() {
    ResponseParser parser = new ResponseParser();
    parser.requestSent(GET);
    parser.requestSent(GET);
    parser.feed(Bytes.ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Content-Length: 4\r\n\r\nframes, not HTTP"));

    ResponseHead head = (ResponseHead) parser.next().orElseThrow();
    assertThat(parser.framing()).isEqualTo(Framing.SWITCH);
    assertThat(parser.next()).contains(new MessageEnd(new Headers()));
    assertThat(parser.next()).isEmpty();

    assertThat(head.status()).isEqualTo(101);
    assertThat(parser.takeUnparsed()).containsExactly(Bytes.ascii("frames, not HTTP"));
  }

  @Test
  void makesATunnelOfASuccessfulConnect() {
    ResponseParser parser = new ResponseParser();
    parser.requestSent(HttpMethod.CONNECT);
    parser.feed(Bytes.ascii("HTTP/1.1 200 Connection Established\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n\u0016\u0003\u0001"));

    parser.next();

    assertThat(parser.framing()).isEqualTo(Framing.SWITCH);
    assertThat(parser.next()).containsInstanceOf(MessageEnd.class);
    assertThat(parser.next()).isEmpty();
    assertThat(parser.takeUnparsed()).containsExactly(Bytes.ascii("\u0016\u0003\u0001"));
  }

  /** Invalid responses: each fails with 502 whatever the split. */
  static Stream<Arguments> invalid() {
    return Stream.of(
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n",
        "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n",
        "HTTP/2.0 200 OK\r\n\r\n",
        "HTTP/1.1 99 Low\r\n\r\n",
        "HTTP/1.1 600 High\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1  200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 O\u0000K\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n",
        "\r\nHTTP/1.1 200 OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n")
        .flatMap(wire -> Chunks.all(latin1(wire), wire.hashCode()).stream()
            .map(split -> Arguments.of(wire.substring(0, wire.indexOf('\n') + 1).strip(), split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("invalid")
  void refusesAnInvalidResponseWith502(String firstLine, Chunks.Split split) {
    ResponseParser parser = new ResponseParser();
    parser.requestSent(GET);

    Outcome<ResponseHead> outcome = Recorder.responses(parser, split.chunks(), false);

    assertThat(outcome.status()).as("reason: %s", outcome.reason()).isEqualTo(502);
    assertThat(outcome.messages()).isEmpty();
  }

  @Test
  void refusesAResponseCutShortOrWithoutARequest() {
    for (String wire : List.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc", "HTTP/1.1 200 OK\r\n")) {
      ResponseParser parser = new ResponseParser();
      parser.requestSent(GET);
      Outcome<ResponseHead> outcome = Recorder.responses(parser, Chunks.whole(latin1(wire)), true);

      assertThat(outcome.status()).as(wire).isEqualTo(502);
    }
    ResponseParser unasked = new ResponseParser();
    unasked.feed(Bytes.ascii("HTTP/1.1 408 Request Timeout\r\n\r\n"));
    assertThatThrownBy(unasked::next).isInstanceOfSatisfying(HttpParseException.class, e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.reason()).isEqualTo("response without a request");
    });
  }

  @Test
  void limitsABodyDelimitedByClosing() {
    ResponseParser parser = new ResponseParser(HttpLimits.DEFAULT.withMaxBodySize(4));
    parser.requestSent(GET);
    Outcome<ResponseHead> outcome = Recorder.responses(
        parser, Chunks.byteByByte(latin1("HTTP/1.1 200 OK\r\n\r\n12345")), true);

    assertThat(outcome.status()).isEqualTo(502);
    assertThat(outcome.reason()).isEqualTo("body larger than 4 bytes");
  }
}
