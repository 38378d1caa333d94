package dev.twine.web.http;

import static dev.twine.web.http.Recorder.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.Recorder.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each limit accepts a request exactly at it and refuses one a unit past it, with its status. */
class LimitsTest {
  private static final HttpLimits LIMITS = HttpLimits.DEFAULT
      .withMaxStartLineLength(32)
      .withMaxHeaderSectionSize(64)
      .withMaxHeaderCount(3)
      .withMaxBodySize(10)
      .withMaxChunkSizeDigits(4)
      .withMaxChunkExtensionLength(10)
      .withMaxTrailerSectionSize(20);

  /** A request and its status, 0 if it is accepted. */
  record Case(String name, String wire, int status) {
    @Override
    public String toString() {
      return name + " -> " + (status == 0 ? "accepted" : status);
    }
  }

  private static String chunked(String chunks) {
    return "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
  }

  private static String withField(String value) {
    // "Host: a\r\n" is 9 bytes and "X: " + value + "\r\n" is 5 more than the value.
    return "GET / HTTP/1.1\r\nHost: a\r\nX: " + value + "\r\n\r\n";
  }

  static final List<Case> CASES = List.of(
      // "GET " + target + " HTTP/1.1" is 13 bytes more than the target.
      new Case("request line at the limit", "GET /" + "a".repeat(18) + " HTTP/1.1\r\nHost: a\r\n\r\n", 0),
      new Case("request line past the limit", "GET /" + "a".repeat(19) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
      new Case("request line past the limit, ended by a bare LF",
          "GET /" + "a".repeat(19) + " HTTP/1.1\nHost: a\r\n\r\n", 414),
      new Case("header section at the limit", withField("v".repeat(50)), 0),
      new Case("header section past the limit", withField("v".repeat(51)), 431),
      new Case("header section past the limit, ended by a bare LF",
          "GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(51) + "\n\r\n", 431),
      new Case("header count at the limit", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nY: 2\r\n\r\n", 0),
      new Case("header count past the limit",
          "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nY: 2\r\nZ: 3\r\n\r\n", 431),
      new Case("Content-Length at the limit",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", 0),
      new Case("Content-Length past the limit, refused before the body",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", 413),
      new Case("Content-Length too large for a long",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
      new Case("chunked body at the limit", chunked("4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n"), 0),
      new Case("chunked body past the limit, refused at the chunk size",
          chunked("4\r\nabcd\r\n7\r\n"), 413),
      new Case("chunk size digits at the limit", chunked("000a\r\n0123456789\r\n0\r\n\r\n"), 0),
      new Case("chunk size digits past the limit", chunked("0000a\r\n0123456789\r\n0\r\n\r\n"), 400),
      new Case("chunk extensions at the limit", chunked("1;abcdefghi\r\nx\r\n0\r\n\r\n"), 0),
      new Case("chunk extensions past the limit", chunked("1;abcdefghij\r\nx\r\n0\r\n\r\n"), 400),
      new Case("trailer section at the limit", chunked("0\r\nT: " + "t".repeat(15) + "\r\n\r\n"), 0),
      new Case("trailer section past the limit",
          chunked("0\r\nT: " + "t".repeat(16) + "\r\n\r\n"), 431),
      new Case("trailer count at the limit", chunked("0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), 0),
      new Case("trailer count past the limit", chunked("0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),
          431));

  static Stream<Arguments> splits() {
    return CASES.stream().flatMap(c -> Chunks.all(latin1(c.wire()), c.name().hashCode())
        .stream().map(split -> Arguments.of(c, split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void acceptsExactlyTheLimit(Case c, Chunks.Split split) {
    Outcome<RequestHead> outcome = Recorder.requests(new RequestParser(LIMITS), split.chunks(), false);

    assertThat(outcome.status()).as("reason: %s", outcome.reason()).isEqualTo(c.status());
    assertThat(outcome.messages()).hasSize(c.status() == 0 ? 1 : 0);
  }

  @Test
  void refusesAnOverlongLineBeforeItsEndArrives() {
    for (String start : List.of("GET /" + "a".repeat(40), "GET / HTTP/1.1\r\nX: " + "v".repeat(80))) {
      RequestParser parser = new RequestParser(LIMITS);
      parser.feed(Bytes.ascii(start));

      assertThatThrownBy(parser::next)
          .isInstanceOfSatisfying(HttpParseException.class, e -> assertThat(e.status()).isIn(414, 431));
    }
  }

  @Test
  void namesTheLimitInTheReason() {
    RequestParser parser = new RequestParser(LIMITS);
    parser.feed(Bytes.ascii("GET /" + "a".repeat(40)));

    assertThatThrownBy(parser::next).hasMessage("request line longer than 32 bytes");
  }

  static Stream<Arguments> reasons() {
    return Stream.of(
        Arguments.of(LIMITS, withField("v".repeat(51)), "header section larger than 64 bytes"),
        Arguments.of(LIMITS, "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nY: 2\r\nZ: 3\r\n\r\n",
            "more than 3 fields in the header section"),
        Arguments.of(HttpLimits.DEFAULT.withMaxHeaderCount(0), "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
            "more than 0 fields in the header section"),
        Arguments.of(LIMITS, chunked("0\r\nT: " + "t".repeat(16) + "\r\n\r\n"),
            "trailer section larger than 20 bytes"),
        Arguments.of(LIMITS.withMaxTrailerSectionSize(100),
            chunked("0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),
            "more than 3 fields in the trailer section"),
        Arguments.of(LIMITS, chunked("1;" + "e".repeat(13)), "chunk size line too long"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("reasons")
  void namesEachLimitInItsReason(HttpLimits limits, String wire, String reason) {
    Outcome<RequestHead> outcome =
        Recorder.requests(new RequestParser(limits), List.of(latin1(wire)), false);

    assertThat(outcome.reason()).isEqualTo(reason);
  }

  @Test
  void refusesLimitsOutOfRange() {
    assertThatThrownBy(() -> HttpLimits.DEFAULT.withMaxChunkSizeDigits(16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxChunkSizeDigits must be from 1 to 15: 16");
    assertThatThrownBy(() -> HttpLimits.DEFAULT.withMaxChunkSizeDigits(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpLimits.DEFAULT.withMaxBodySize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBodySize must be at least 0: -1");
    assertThatThrownBy(() -> HttpLimits.DEFAULT.withMaxStartLineLength(15))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpLimits.DEFAULT.withMaxHeaderCount(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesChangeOnlyTheirOwnLimit() {
    HttpLimits limits = HttpLimits.DEFAULT.withMaxTrailerSectionSize(0);

    assertThat(limits.maxTrailerSectionSize()).isZero();
    assertThat(limits.withMaxTrailerSectionSize(HttpLimits.DEFAULT.maxTrailerSectionSize()))
        .isEqualTo(HttpLimits.DEFAULT);
    assertThat(LIMITS).isEqualTo(new HttpLimits(32, 64, 3, 10, 4, 10, 20));
  }
}
