package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.web.http.Recorder.Message;
import dev.twine.web.http.Recorder.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link ResponseParser}, chunked decoding included: whatever a server sends, and however
 * it is cut, the parser reads the same responses and fails with the same {@link
 * HttpParseException}, always 502; it throws nothing else, keeps every response within its
 * limits, and holds no more than a line of input unparsed unless the connection switched
 * protocols.
 *
 * <p>The first byte of the input says whether the server then closes the connection (low bit)
 * and how many requests were sent (the next three bits, 0 to 7); as many bytes follow, each
 * choosing a request's method; the rest is what the server sends.
 */
class ResponseParserFuzzTest {
  private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD,
      HttpMethod.POST, HttpMethod.CONNECT, HttpMethod.of("PURGE"));

  @FuzzTest
  @Timeout(10)
  void parsesResponses(byte[] input) {
    if (input.length == 0) {
      return;
    }
    boolean closes = (input[0] & 1) != 0;
    int requests = Math.min((input[0] >>> 1) & 7, input.length - 1);
    List<HttpMethod> methods = new ArrayList<>();
    for (int i = 1; i <= requests; i++) {
      methods.add(METHODS.get((input[i] & 0xff) % METHODS.size()));
    }
    Outcome<ResponseHead> outcome = ParserFuzzing.agreeingOutcome(
        Arrays.copyOfRange(input, 1 + requests, input.length), chunks -> {
          ResponseParser parser = new ResponseParser(ParserFuzzing.LIMITS);
          methods.forEach(parser::requestSent);
          Outcome<ResponseHead> read = Recorder.responses(parser, chunks, closes);
          boolean switched = (!read.messages().isEmpty() || read.unfinished() != null)
              && parser.framing() == Framing.SWITCH;
          long unparsed = read.status() == 0 && !switched ? ParserFuzzing.size(parser.takeUnparsed()) : 0;
          return new ParserFuzzing.Run<>(read, unparsed);
        });
    assertThat(outcome.status()).isIn(0, 502);
    int finals = 0;
    for (Message<ResponseHead> message : outcome.messages()) {
      ParserFuzzing.checkLimits(message.head().headers(), message);
      finals += message.head().interim() ? 0 : 1;
    }
    assertThat(finals).as("final responses").isLessThanOrEqualTo(methods.size());
  }
}
