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
 * Fuzzes {@link NetstringReceiver}: whatever arrives, and however it is cut, the receiver
 * delivers the same netstrings, never one over its maximum, reports the first invalid input once
 * and then delivers nothing, and throws nothing.
 *
 * <p>The first byte of the input is the maximum length (0 to 255); the rest is what the peer
 * sends. See {@link ReceiverFuzzing} for the commands a netstring may hold.
 */
class NetstringReceiverFuzzTest {

  @FuzzTest
  @Timeout(10)
  void receivesNetstrings(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int maxLength = input[0] & 0xff;
    List<String> events = ReceiverFuzzing.agreeingEvents(Arrays.copyOfRange(input, 1, input.length),
        clock -> new Recorder(maxLength, clock));
    assertThat(events.stream().dropWhile(e -> !e.startsWith("invalid")).skip(1))
        .as("events after an invalid netstring").isEmpty();
  }

  private static final class Recorder extends NetstringReceiver implements ReceiverFuzzing.Subject {
    private final Clock clock;
    private final List<String> events = new ArrayList<>();

    Recorder(int maxLength, Clock clock) {
      super(maxLength);
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
    protected void stringReceived(Bytes string) {
      assertThat(string.size()).as("netstring length").isLessThanOrEqualTo(maxLength());
      events.add("string " + show(string));
      ReceiverFuzzing.obey(string, this, clock);
    }

    @Override
    protected void invalidNetstringReceived(NetstringParseError error) {
      assertThat(brokenPeer()).as("broken peer").isTrue();
      events.add("invalid " + error.problem());
      super.invalidNetstringReceived(error);
    }
  }
}
