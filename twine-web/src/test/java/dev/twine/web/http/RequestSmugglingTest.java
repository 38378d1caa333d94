package dev.twine.web.http;

import static dev.twine.web.http.Recorder.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Chunks;
import dev.twine.web.http.Recorder.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests built to make a front end and a back end disagree on where a request ends, each
 * hiding a second request ({@code GET /smuggled}) in its body. Every one is refused, whatever the
 * split: no request completes, so the hidden one is never read.
 */
class RequestSmugglingTest {
  private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";

  /** An attack and the status that refuses it. */
  record Case(String name, String wire, int status) {
    @Override
    public String toString() {
      return name + " -> " + status;
    }
  }

  private static Case head(String name, String fields, String body, int status) {
    return new Case(name, "POST / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n" + body, status);
  }

  private static Case chunk(String name, String chunks, int status) {
    return head(name, "Transfer-Encoding: chunked\r\n", chunks, status);
  }

  static final List<Case> CASES = List.of(
      head("CL.TE", "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n",
          "0\r\n\r\n" + SMUGGLED, 400),
      head("TE.CL", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
          "8\r\nSMUGGLED\r\n0\r\n\r\n", 400),
      head("TE.TE xchunked", "Transfer-Encoding: xchunked\r\n", "0\r\n\r\n" + SMUGGLED, 400),
      head("TE.TE chunked then identity", "Transfer-Encoding: chunked, identity\r\n",
          "0\r\n\r\n" + SMUGGLED, 400),
      head("TE.TE chunked on one line, identity on another",
          "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", "0\r\n\r\n", 400),
      head("TE.TE chunked twice", "Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n", 400),
      head("TE.TE identity alone", "Transfer-Encoding: identity\r\n", SMUGGLED, 400),
      head("TE.TE quoted chunked", "Transfer-Encoding: \"chunked\"\r\n", "0\r\n\r\n", 400),
      head("TE.TE chunked with a parameter", "Transfer-Encoding: chunked;q=1\r\n",
          "0\r\n\r\n", 400),
      head("TE.TE vertical tab after chunked", "Transfer-Encoding: chunked\u000b\r\n",
          "0\r\n\r\n", 400),
      head("TE.TE NUL after chunked", "Transfer-Encoding: chunked\u0000\r\n", "0\r\n\r\n", 400),
      head("TE.TE space before the name", "Content-Length: 4\r\n Transfer-Encoding: chunked\r\n",
          "0\r\n\r\n", 400),
      head("TE.TE space before the colon", "Transfer-Encoding : chunked\r\n", "0\r\n\r\n", 400),
      head("TE.TE folded value", "Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n", 400),
      head("TE.TE bare LF in the name line", "X: y\nTransfer-Encoding: chunked\r\n",
          "0\r\n\r\n", 400),
      new Case("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "0\r\n\r\n" + SMUGGLED, 400),
      head("CL.CL differing lines", "Content-Length: 0\r\nContent-Length: 37\r\n", SMUGGLED, 400),
      head("CL.CL differing list", "Content-Length: 0, 37\r\n", SMUGGLED, 400),
      head("CL with a plus sign", "Content-Length: +5\r\n", "hello" + SMUGGLED, 400),
      head("CL negative", "Content-Length: -1\r\n", SMUGGLED, 400),
      head("CL with inner space", "Content-Length: 5 5\r\n", "hello" + SMUGGLED, 400),
      head("CL in hex", "Content-Length: 0x5\r\n", "hello" + SMUGGLED, 400),
      head("CL with a bare CR", "Content-Length: 5\r0\r\n", "hello" + SMUGGLED, 400),
      head("CL folded", "Content-Length: 0\r\n 5\r\n", "hello" + SMUGGLED, 400),
      head("CL with NUL", "Content-Length: 5\u0000\r\n", "hello" + SMUGGLED, 400),
      chunk("chunk size 0x5", "0x5\r\nhello\r\n0\r\n\r\n" + SMUGGLED, 400),
      chunk("chunk size with a plus sign", "+5\r\nhello\r\n0\r\n\r\n", 400),
      chunk("chunk size negative", "-5\r\nhello\r\n0\r\n\r\n", 400),
      chunk("chunk size after a space", " 5\r\nhello\r\n0\r\n\r\n", 400),
      chunk("chunk size then a space", "5 \r\nhello\r\n0\r\n\r\n", 400),
      chunk("chunk size then garbage", "5x\r\nhello\r\n0\r\n\r\n", 400),
      chunk("chunk size overflowing a long", "10000000000000005\r\nhello\r\n0\r\n\r\n", 400),
      chunk("semicolon without extension", "5;\r\nhello\r\n0\r\n\r\n", 400),
      chunk("extension with a bad character", "5;a,b\r\nhello\r\n0\r\n\r\n", 400),
      chunk("extension with NUL", "5;a\u0000\r\nhello\r\n0\r\n\r\n", 400),
      chunk("extension with a bare CR", "5;a\rb\r\nhello\r\n0\r\n\r\n", 400),
      chunk("chunk size ended by a bare LF", "5\nhello\r\n0\r\n\r\n" + SMUGGLED, 400),
      chunk("last chunk ended by a bare LF", "0\n\r\n" + SMUGGLED, 400),
      chunk("chunk size ended by a bare CR", "5\rhello\r\n0\r\n\r\n", 400),
      chunk("chunk data without its CRLF", "5\r\nhelloGET /smuggled HTTP/1.1\r\n", 400));

  static Stream<Arguments> splits() {
    return CASES.stream().flatMap(c -> Chunks.all(latin1(c.wire()), c.name().hashCode())
        .stream().map(split -> Arguments.of(c, split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void refusesTheAttackBeforeAnyRequestCompletes(Case c, Chunks.Split split) {
    Outcome<RequestHead> outcome = Recorder.requests(new RequestParser(), split.chunks(), false);

    assertThat(outcome.status()).as("reason: %s", outcome.reason()).isEqualTo(c.status());
    assertThat(outcome.messages()).isEmpty();
  }
}
