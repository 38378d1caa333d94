package dev.twine.protocols;

import static dev.twine.protocols.ReceiverFuzzing.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link LineOnlyReceiver}: whatever arrives, and however it is cut, the receiver delivers
 * the same lines, never one over its maximum, finds an over-long line while it is at most the
 * maximum plus a delimiter long, and throws nothing.
 *
 * <p>The first byte of the input chooses the delimiter (two low bits, as in {@link
 * LineReceiverFuzzTest}) and the maximum line length (the other six); the rest is what the peer
 * sends. A line containing {@code CLOSE} closes the connection.
 */
class LineOnlyReceiverFuzzTest {

  @FuzzTest
  @Timeout(10)
  void receivesLines(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Bytes delimiter = LineReceiverFuzzTest.DELIMITERS.get(input[0] & 3);
    int maxLength = (input[0] & 0xff) >>> 2;
    ReceiverFuzzing.agreeingEvents(Arrays.copyOfRange(input, 1, input.length),
        clock -> new Recorder(delimiter, maxLength, clock));
  }

  private static final class Recorder extends LineOnlyReceiver implements ReceiverFuzzing.Subject {
    private final Clock clock;
    private final List<String> events = new ArrayList<>();
    private int longestRefused;

    Recorder(Bytes delimiter, int maxLength, Clock clock) {
      super(delimiter, maxLength);
      this.clock = clock;
    }

    @Override
    public Recorder protocol() {
      return this;
    }

    @Override
    public List<String> events() {
      return events;
    }

    @Override
    protected void lineReceived(Bytes line) {
      assertThat(line.size()).as("line length").isLessThanOrEqualTo(maxLength());
      assertThat(line.indexOf(delimiter())).as("delimiter inside a line").isNegative();
      events.add("line " + show(line));
      ReceiverFuzzing.obey(line, this, clock);
    }

    @Override
    protected void lineLengthExceeded(Bytes data) {
      events.add("too long");
      longestRefused = Math.max(longestRefused, data.size());
      super.lineLengthExceeded(data);
    }

    @Override
    public void checkAtEnd(boolean byteByByte) {
      if (byteByByte) {
        assertThat(longestRefused).as("bytes buffered when a line was refused")
            .isLessThanOrEqualTo(maxLength() + delimiter().size());
      }
    }
  }
}
