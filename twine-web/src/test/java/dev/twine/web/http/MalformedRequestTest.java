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
 * Requests that break RFC 9110 or RFC 9112, each refused with its status whatever the split, as
 * soon as the offending bytes arrive (the input is never ended), and none delivered whole.
 */
class MalformedRequestTest {

  /** A request on the wire and the status that refuses it. */
  record Case(String name, String wire, int status) {
    @Override
    public String toString() {
      return name + " -> " + status;
    }
  }

  private static final String HOST = "Host: a\r\n";

  static final List<Case> CASES = List.of(
      // request line
      new Case("two spaces after the method", "GET  / HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("space after the version", "GET / HTTP/1.1 \r\n" + HOST + "\r\n", 400),
      new Case("space before the method", " GET / HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("tab as separator", "GET\t/ HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("HTTP/0.9 request without a version", "GET /\r\n", 400),
      new Case("method alone", "GET\r\n", 400),
      new Case("version in lower case", "GET / http/1.1\r\n" + HOST + "\r\n", 400),
      new Case("version with three digits", "GET / HTTP/1.10\r\n" + HOST + "\r\n", 400),
      new Case("version without minor", "GET / HTTP/1\r\n" + HOST + "\r\n", 400),
      new Case("HTTP/2.0 request line", "GET / HTTP/2.0\r\n" + HOST + "\r\n", 505),
      new Case("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
      new Case("HTTP/0.9 version", "GET / HTTP/0.9\r\n" + HOST + "\r\n", 505),
      new Case("HTTP/3.0 version", "GET / HTTP/3.0\r\n" + HOST + "\r\n", 505),
      new Case("separator in the method", "GE(T / HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("non-ASCII in the method", "G\u00c9T / HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("space in the target", "GET /a b HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("quote in the target", "GET /a\"b HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("fragment in the target", "GET /a#b HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("backslash in the target", "GET /a\\..\\b HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("bad percent-encoding", "GET /%zz HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("cut percent-encoding", "GET /a%2 HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("non-ASCII in the target", "GET /caf\u00c3\u00a9 HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("NUL in the target", "GET /a\u0000 HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("target neither path nor URI", "GET example.com HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("asterisk for GET", "GET * HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("CONNECT to a path", "CONNECT /x HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("CONNECT without a port", "CONNECT example.com HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("user info in an absolute URI",
          "GET http://user@example.com/ HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("empty host in an absolute URI", "GET http:///x HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("bare CR after the version", "GET / HTTP/1.1\r\r\n" + HOST + "\r\n", 400),
      new Case("bare CR in the request line", "GET /\ra HTTP/1.1\r\n" + HOST + "\r\n", 400),
      new Case("bare LF after the request line", "GET / HTTP/1.1\n" + HOST + "\r\n", 400),
      new Case("too many empty lines first", "\r\n".repeat(5000) + "GET / HTTP/1.1\r\n", 400),
      // Host
      new Case("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
      new Case("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
      new Case("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 400),
      new Case("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
      new Case("Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
      new Case("Host with user info", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
      new Case("Host with a bad port", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", 400),
      new Case("Host with a port out of range", "GET / HTTP/1.1\r\nHost: a:65536\r\n\r\n", 400),
      new Case("Host with an open IP literal", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400),
      // field lines
      new Case("obs-fold", "GET / HTTP/1.1\r\n" + HOST + "X: a\r\n b\r\n\r\n", 400),
      new Case("obs-fold with a tab", "GET / HTTP/1.1\r\n" + HOST + "X: a\r\n\tb\r\n\r\n", 400),
      new Case("whitespace before the first field", "GET / HTTP/1.1\r\n " + HOST + "\r\n", 400),
      new Case("space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
      new Case("tab before the colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400),
      new Case("space inside a name", "GET / HTTP/1.1\r\n" + HOST + "X Y: a\r\n\r\n", 400),
      new Case("separator in a name", "GET / HTTP/1.1\r\n" + HOST + "X[1]: a\r\n\r\n", 400),
      new Case("non-ASCII in a name", "GET / HTTP/1.1\r\n" + HOST + "X\u00e9: a\r\n\r\n", 400),
      new Case("field without a colon", "GET / HTTP/1.1\r\n" + HOST + "X-Nothing\r\n\r\n", 400),
      new Case("empty field name", "GET / HTTP/1.1\r\n" + HOST + ": a\r\n\r\n", 400),
      new Case("NUL in a value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u0000b\r\n\r\n", 400),
      new Case("bare CR in a value", "GET / HTTP/1.1\r\n" + HOST + "X: a\rb\r\n\r\n", 400),
      new Case("bare CR ending a value", "GET / HTTP/1.1\r\n" + HOST + "X: a\r\r\n\r\n", 400),
      new Case("vertical tab in a value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u000bb\r\n\r\n", 400),
      new Case("DEL in a value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u007fb\r\n\r\n", 400),
      new Case("bare LF between fields", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", 400),
      new Case("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n", 400),
      new Case("bare LF ending the head", "GET / HTTP/1.1\r\n" + HOST + "\n", 400),
      // body
      new Case("chunk size not hex", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\ng\r\n", 400),
      new Case("empty chunk size line", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n\r\n", 400),
      new Case("chunk data longer than its size", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello!\r\n0\r\n\r\n", 400),
      new Case("chunk data without CRLF", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello0\r\n\r\n", 400),
      new Case("chunk data ended by a bare LF", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n", 400),
      new Case("extension value missing", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5;a=\r\nhello\r\n0\r\n\r\n", 400),
      new Case("quoted extension not closed", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5;a=\"b\r\nhello\r\n0\r\n\r\n", 400),
      new Case("extension name quoted", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5;\"a\"\r\nhello\r\n0\r\n\r\n", 400),
      new Case("whitespace after an extension", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5;a \r\nhello\r\n0\r\n\r\n", 400),
      new Case("two extensions without a semicolon", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n5;a b\r\nhello\r\n0\r\n\r\n", 400),
      new Case("obs-fold in trailers", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n", 400),
      new Case("NUL in a trailer", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: a\u0000\r\n\r\n", 400),
      new Case("bare LF ending the trailers", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n\n", 400),
      new Case("unknown transfer coding before chunked", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
      new Case("empty Transfer-Encoding", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: \r\n\r\n", 400),
      new Case("list of only commas in Transfer-Encoding", "POST / HTTP/1.1\r\n" + HOST
          + "Transfer-Encoding: , ,\r\n\r\n", 400),
      new Case("Content-Length not a number", "POST / HTTP/1.1\r\n" + HOST
          + "Content-Length: five\r\n\r\n", 400),
      new Case("empty Content-Length", "POST / HTTP/1.1\r\n" + HOST
          + "Content-Length: \r\n\r\n", 400),
      new Case("Content-Length with an empty list element", "POST / HTTP/1.1\r\n" + HOST
          + "Content-Length: 5,\r\n\r\nhello", 400),
      new Case("Content-Length with a decimal point", "POST / HTTP/1.1\r\n" + HOST
          + "Content-Length: 5.0\r\n\r\nhello", 400),
      new Case("Content-Length with a non-ASCII byte", "POST / HTTP/1.1\r\n" + HOST
          + "Content-Length: \u00b5\r\n\r\nhello", 400));

  static Stream<Arguments> splits() {
    return CASES.stream().flatMap(c -> Chunks.all(latin1(c.wire()), c.name().hashCode())
        .stream().map(split -> Arguments.of(c, split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void refusesTheRequestWithItsStatus(Case c, Chunks.Split split) {
    Outcome<RequestHead> outcome = Recorder.requests(new RequestParser(), split.chunks(), false);

    assertThat(outcome.status()).as("reason: %s", outcome.reason()).isEqualTo(c.status());
    assertThat(outcome.messages()).isEmpty();
  }
}
