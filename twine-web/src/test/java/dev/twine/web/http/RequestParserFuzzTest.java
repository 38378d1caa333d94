package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.web.http.Recorder.Message;
import dev.twine.web.http.Recorder.Outcome;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link RequestParser}, chunked decoding included: whatever a client sends, and however
 * it is cut, the parser reads the same requests and fails with the same {@link
 * HttpParseException}, with one of the statuses it documents; it throws nothing else, keeps every
 * request within its limits, and holds no more than a line of input unparsed.
 *
 * <p>The low bit of the first byte of the input says whether the client then closes the
 * connection; the rest is what it sends.
 */
class RequestParserFuzzTest {

  @FuzzTest
  @Timeout(10)
  void parsesRequests(byte[] input) {
    if (input.length == 0) {
      return;
    }
    boolean closes = (input[0] & 1) != 0;
    Outcome<RequestHead> outcome = ParserFuzzing.agreeingOutcome(
        Arrays.copyOfRange(input, 1, input.length), chunks -> {
          RequestParser parser = new RequestParser(ParserFuzzing.LIMITS);
          Outcome<RequestHead> read = Recorder.requests(parser, chunks, closes);
          return new ParserFuzzing.Run<>(read, read.status() == 0 ? ParserFuzzing.size(parser.takeUnparsed()) : 0);
        });
    assertThat(outcome.status()).isIn(0, 400, 413, 414, 431, 501, 505);
    for (Message<RequestHead> message : outcome.messages()) {
      ParserFuzzing.checkLimits(message.head().headers(), message);
      assertThat(message.head().target().length())
          .isLessThanOrEqualTo(ParserFuzzing.LIMITS.maxStartLineLength());
    }
  }
}
