package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.Recorder.Message;
import dev.twine.web.http.Recorder.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What the fuzz tests of the parsers share: small limits that the fuzzer reaches, one input fed
 * whole, byte by byte and cut at random, the check that every feeding reads the same messages
 * and the same failure, and the checks that the limits held.
 */
final class ParserFuzzing {
  /** Limits small enough for short inputs to pass them. */
  static final HttpLimits LIMITS = new HttpLimits(64, 256, 8, 1024, 4, 16, 128);

  /**
   * The most bytes a parser may hold unparsed once it returned every event it could: the start
   * of the longest line it accepts, and a CR.
   */
  static final int MAX_UNPARSED = 256 + 1;

  /** What one feeding gave: the outcome, and how many bytes the parser held unparsed at the end. */
  record Run<H>(Outcome<H> outcome, long unparsed) {}

  private ParserFuzzing() {}

  /**
   * Runs {@code run} on each split of {@code wire}, asserts that all agree and that no parser
   * held more than {@link #MAX_UNPARSED} bytes, and returns their outcome.
   */
  static <H> Outcome<H> agreeingOutcome(byte[] wire, Function<List<byte[]>, Run<H>> run) {
    Run<H> whole = run.apply(Chunks.whole(wire));
    Run<H> byteByByte = run.apply(Chunks.byteByByte(wire));
    Run<H> random = run.apply(Chunks.random(wire, Arrays.hashCode(wire)));
    assertThat(byteByByte.outcome()).as("fed byte by byte").isEqualTo(whole.outcome());
    assertThat(random.outcome()).as("fed in random chunks").isEqualTo(whole.outcome());
    for (Run<H> each : List.of(whole, byteByByte, random)) {
      assertThat(each.unparsed()).as("bytes held unparsed").isLessThanOrEqualTo(MAX_UNPARSED);
    }
    return whole.outcome();
  }

  /** Returns how many bytes {@code pieces} hold. */
  static long size(List<Bytes> pieces) {
    return pieces.stream().mapToLong(Bytes::size).sum();
  }

  /** Asserts that a message kept within {@link #LIMITS}. */
  static void checkLimits(Headers headers, Message<?> message) {
    assertThat(headers.size()).as("header fields").isLessThanOrEqualTo(LIMITS.maxHeaderCount());
    assertThat(message.trailers().size()).as("trailer fields").isLessThanOrEqualTo(LIMITS.maxHeaderCount());
    assertThat((long) message.body().size()).as("body size").isLessThanOrEqualTo(LIMITS.maxBodySize());
  }
}
