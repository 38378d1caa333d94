package dev.twine.protocols;

import static dev.twine.protocols.ReceiverFuzzing.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link LineReceiver}: whatever arrives, and however it is cut, the receiver delivers
 * the same lines and raw data, never a line over its maximum, finds an over-long line while it
 * is at most the maximum plus a delimiter long, buffers no more than that, and throws nothing.
 *
 * <p>The first byte of the input chooses the delimiter (two low bits) and the maximum line length
 * (the other six, 0 to 63); the rest is what the peer sends. A line {@code RAW n} reads the next n
 * bytes in raw mode, as a protocol reads a body; see {@link ReceiverFuzzing} for the other
 * commands.
 */
class LineReceiverFuzzTest {
  static final List<Bytes> DELIMITERS =
      List.of(Bytes.ascii("\r\n"), Bytes.ascii("\n"), Bytes.ascii("\r\n\r\n"), Bytes.ascii("||"));

  @FuzzTest
  @Timeout(10)
  void receivesLines(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Bytes delimiter = DELIMITERS.get(input[0] & 3);
    int maxLength = (input[0] & 0xff) >>> 2;
    ReceiverFuzzing.agreeingEvents(Arrays.copyOfRange(input, 1, input.length),
        clock -> new Recorder(delimiter, maxLength, clock));
  }

  private static final class Recorder extends LineReceiver implements ReceiverFuzzing.Subject {
    private final Clock clock;
    private final List<String> events = new ArrayList<>();
    private final Buffer raw = new Buffer();
    private long rawLeft;
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
      String text = line.string(StandardCharsets.ISO_8859_1);
      if (text.matches("RAW [1-9][0-9]{0,3}")) {
        rawLeft = Long.parseLong(text.substring(4));
        setRawMode();
      }
      ReceiverFuzzing.obey(line, this, clock);
    }

    @Override
    protected void rawDataReceived(Bytes data) {
      assertThat(rawLeft).as("raw bytes expected").isPositive();
      int used = (int) Math.min(rawLeft, data.size());
      raw.write(data.slice(0, used));
      rawLeft -= used;
      if (rawLeft == 0) {
        Bytes body = raw.readAll();
        events.add("raw " + show(body));
        setLineMode(data.slice(used, data.size()));
        ReceiverFuzzing.obey(body, this, clock);
      }
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
        int bound = maxLength() + delimiter().size();
        assertThat(longestRefused).as("bytes buffered when a line was refused").isLessThanOrEqualTo(bound);
        assertThat(clearLineBuffer().size()).as("bytes buffered at the end").isLessThanOrEqualTo(bound);
      }
    }
  }
}
