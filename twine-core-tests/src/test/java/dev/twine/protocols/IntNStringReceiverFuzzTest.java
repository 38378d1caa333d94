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
 * Fuzzes {@link Int8StringReceiver}, {@link Int16StringReceiver} and {@link Int32StringReceiver}:
 * whatever arrives, and however it is cut, the receiver delivers the same strings, never one over
 * its maximum, refuses a prefix over the maximum once and then delivers nothing, and throws
 * nothing.
 *
 * <p>The first byte of the input chooses the width of the prefix (two high bits: 1, 2, 4 or 4
 * bytes) and the maximum length (the other six, 0 to 63); the rest is what the peer sends. See
 * {@link ReceiverFuzzing} for the commands a string may hold.
 */
class IntNStringReceiverFuzzTest {

  @FuzzTest
  @Timeout(10)
  void receivesStrings(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int width = switch ((input[0] & 0xff) >>> 6) {
      case 0 -> 1;
      case 1 -> 2;
      default -> 4;
    };
    int maxLength = input[0] & 0x3f;
    List<String> events = ReceiverFuzzing.agreeingEvents(Arrays.copyOfRange(input, 1, input.length),
        clock -> new Recorder(width, maxLength, clock));
    assertThat(events.stream().dropWhile(e -> !e.startsWith("limit")).skip(1))
        .as("events after a refused length").isEmpty();
  }

  private static final class Recorder implements ReceiverFuzzing.Subject {
    private final List<String> events = new ArrayList<>();
    private final IntNStringReceiver receiver;

    Recorder(int width, int maxLength, Clock clock) {
      receiver = switch (width) {
        case 1 -> new Int8StringReceiver(maxLength) {
          @Override
          protected void stringReceived(Bytes string) {
            received(this, string, clock);
          }

          @Override
          protected void lengthLimitExceeded(long length) {
            refused(this, length);
          }
        };
        case 2 -> new Int16StringReceiver(maxLength) {
          @Override
          protected void stringReceived(Bytes string) {
            received(this, string, clock);
          }

          @Override
          protected void lengthLimitExceeded(long length) {
            refused(this, length);
          }
        };
        default -> new Int32StringReceiver(maxLength) {
          @Override
          protected void stringReceived(Bytes string) {
            received(this, string, clock);
          }

          @Override
          protected void lengthLimitExceeded(long length) {
            refused(this, length);
          }
        };
      };
    }

    private void received(IntNStringReceiver self, Bytes string, Clock clock) {
      assertThat(string.size()).as("string length").isLessThanOrEqualTo(self.maxLength());
      events.add("string " + show(string));
      ReceiverFuzzing.obey(string, self, clock);
    }

    private void refused(IntNStringReceiver self, long length) {
      assertThat(length).as("refused length").isGreaterThan(self.maxLength())
          .isLessThanOrEqualTo(self.maxPrefixValue());
      events.add("limit " + length);
      self.transport().loseConnection();
    }

    @Override
    public IntNStringReceiver protocol() {
      return receiver;
    }

    @Override
    public List<String> events() {
      return events;
    }
  }
}
