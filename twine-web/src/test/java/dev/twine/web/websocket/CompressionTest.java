package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.List;
import java.util.zip.Deflater;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** permessage-deflate's compressing and inflating of messages, RFC 7692 section 7.2. */
class CompressionTest {
  private static final Bytes HELLO = Bytes.ascii("Hello");

  private static Bytes inflate(MessageInflater inflater, Bytes... frames) {
    Buffer out = new Buffer();
    for (Bytes frame : frames) {
      inflater.inflate(frame, Long.MAX_VALUE, out::write);
    }
    inflater.endMessage(Long.MAX_VALUE, out::write);
    return out.readAll();
  }

  @Test
  void compressesHelloAsTheRfcDoes() {
    MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, false);
    assertThat(deflater.finish(HELLO)).isEqualTo(hex("f2 48 cd c9 c9 07 00"));
    assertThat(deflater.finish(HELLO)).as("the second Hello refers to the first")
        .isEqualTo(hex("f2 00 11 00 00"));
    deflater.close();
  }

  @Test
  void withoutContextTakeoverEveryMessageCompressesAlike() {
    MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, true);
    assertThat(deflater.finish(HELLO)).isEqualTo(hex("f2 48 cd c9 c9 07 00"));
    assertThat(deflater.finish(HELLO)).isEqualTo(hex("f2 48 cd c9 c9 07 00"));
    deflater.close();
  }

  @Test
  void inflatesTheRfcExamples() {
    MessageInflater inflater = new MessageInflater(false);
    assertThat(inflate(inflater, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(HELLO);
    assertThat(inflate(inflater, hex("f2 00 11 00 00"))).as("sharing the first's window")
        .isEqualTo(HELLO);
    inflater.close();
    MessageInflater fresh = new MessageInflater(true);
    assertThat(inflate(fresh, hex("f2 48"), hex("cd c9 c9 07 00"))).as("in two fragments")
        .isEqualTo(HELLO);
    assertThat(inflate(fresh, hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))).as("a stored block")
        .isEqualTo(HELLO);
    assertThat(inflate(fresh, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")))
        .as("two DEFLATE blocks").isEqualTo(HELLO);
    assertThat(inflate(fresh, hex("f3 48 cd c9 c9 07 00 00"))).as("a final block")
        .isEqualTo(HELLO);
    assertThat(inflate(fresh, hex("f2 48 cd c9 c9 07 00"))).as("after a final block")
        .isEqualTo(HELLO);
    fresh.close();
  }

  @Test
  void anEmptyMessageIsOneByteEvenWhenTheContextIsTakenOver() {
    MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, false);
    MessageInflater inflater = new MessageInflater(false);
    for (int i = 0; i < 3; i++) {
      Bytes empty = deflater.finish(Bytes.EMPTY);
      assertThat(empty).isEqualTo(hex("00"));
      assertThat(inflate(inflater, empty)).isEqualTo(Bytes.EMPTY);
      assertThat(inflate(inflater, deflater.finish(HELLO))).isEqualTo(HELLO);
    }
  }

  @Property(tries = 200)
  void streamedMessagesInflateToWhatWasSent(@ForAll @Size(max = 6) List<@Size(max = 3000) String> parts,
      @ForAll boolean contextTakeover, @ForAll @IntRange(min = 1, max = 3) int messages) {
    MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, !contextTakeover);
    MessageInflater inflater = new MessageInflater(!contextTakeover);
    for (int m = 0; m < messages; m++) {
      Buffer sent = new Buffer();
      Buffer frames = new Buffer();
      for (String part : parts) {
        Bytes data = Bytes.utf8(part);
        sent.write(data);
        Bytes payload = deflater.fragment(data);
        assertThat(payload.endsWith(MessageInflater.TAIL) && payload.size() > 4)
            .as("the tail of a flush is held back").isFalse();
        inflater.inflate(payload, Long.MAX_VALUE, frames::write);
      }
      inflater.inflate(deflater.finish(Bytes.EMPTY), Long.MAX_VALUE, frames::write);
      inflater.endMessage(Long.MAX_VALUE, frames::write);
      assertThat(frames.readAll()).isEqualTo(sent.readAll());
    }
    deflater.close();
    inflater.close();
  }

  @Property(tries = 200)
  void wholeMessagesInflateToWhatWasSent(@ForAll @Size(max = 5) List<byte[]> messages,
      @ForAll boolean contextTakeover, @ForAll @IntRange(min = 0, max = 9) int level) {
    MessageDeflater deflater = new MessageDeflater(level, !contextTakeover);
    MessageInflater inflater = new MessageInflater(!contextTakeover);
    for (byte[] message : messages) {
      assertThat(inflate(inflater, deflater.finish(Bytes.wrap(message))))
          .isEqualTo(Bytes.wrap(message));
    }
  }

  @Test
  void refusesInvalidCompressedData() {
    MessageInflater inflater = new MessageInflater(false);
    assertThatThrownBy(() -> inflate(inflater, hex("ff ff ff ff")))
        .isInstanceOfSatisfying(WebSocketException.class,
            e -> assertThat(e.code()).isEqualTo(CloseCode.INVALID_PAYLOAD));
    inflater.close();
  }

  @Test
  void stopsInflatingOneStepPastTheBudget() {
    MessageInflater inflater = new MessageInflater(false);
    Bytes bomb = CompressionBomb.zeros(64);
    long[] received = {0};
    assertThatThrownBy(() -> inflater.inflate(bomb, 100_000, b -> received[0] += b.size()))
        .isInstanceOfSatisfying(WebSocketException.class,
            e -> assertThat(e.code()).isEqualTo(CloseCode.MESSAGE_TOO_BIG));
    assertThat(received[0]).isLessThanOrEqualTo(100_000).isGreaterThan(100_000 - MessageInflater.STEP);
    inflater.close();
  }
}
