package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes permessage-deflate decompression as a client reads it: a compressed binary message,
 * in fragments, then an uncompressed text message. Whatever the compressed bytes, and however the
 * frames are cut, the reader reads the same messages and fails with the same close code; it
 * throws nothing but a {@link WebSocketException}; a message that inflates past the 64 KiB limit
 * (a compression bomb) fails with 1009 before more than the limit and one inflater step is
 * produced, never delivered; and a message delivered is exactly what the JDK's inflater makes of
 * the bytes.
 *
 * <p>The first byte of the input gives the fragment size (1 to 256 bytes); the second's low bit
 * says whether the peer resets its compressor after each message; the rest is the compressed
 * payload, without its {@code 00 00 ff ff} tail.
 */
class PerMessageDeflateFuzzTest {
  private static final WebSocketLimits LIMITS = new WebSocketLimits(64 * 1024, 64 * 1024);
  private static final Bytes AFTER = Bytes.ascii("after");
  private static final int REFERENCE_STEP = 4096;

  @FuzzTest
  @Timeout(10)
  void inflatesMessages(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int fragment = (input[0] & 0xff) + 1;
    boolean reset = (input[1] & 1) != 0;
    Bytes compressed = Bytes.wrap(Arrays.copyOfRange(input, 2, input.length));
    byte[] wire = frames(compressed, fragment).toByteArray();

    Reference reference = inflate(compressed);
    UnaryOperator<ReaderFuzzing.Outcome> compared = reference.verdict() != Verdict.INVALID_NEAR_THE_LIMIT
        ? UnaryOperator.identity() : failed -> new ReaderFuzzing.Outcome(failed.events(), 1009);
    ReaderFuzzing.Outcome outcome = ReaderFuzzing.agreeingOutcome(wire, () -> new ReaderFuzzing.Subject(
        new FrameParser(Role.CLIENT, LIMITS, true), LIMITS, new MessageInflater(reset)), compared);

    switch (reference.verdict()) {
      case FITS -> {
        assertThat(outcome.failure()).as("failure of a valid message within the limit").isZero();
        assertThat(outcome.events()).containsExactly(new ReaderFuzzing.Message(true, reference.output()),
            new ReaderFuzzing.Message(false, AFTER));
      }
      case TOO_BIG -> assertThat(outcome.failure()).as("close code of a message past the limit").isEqualTo(1009);
      case INVALID -> assertThat(outcome.failure()).as("close code of invalid compressed data").isEqualTo(1007);
      case INVALID_NEAR_THE_LIMIT -> assertThat(outcome.failure()).isIn(1007, 1009);
    }
    if (reference.verdict() != Verdict.FITS) {
      assertThat(outcome.events()).as("messages read after a failed one").isEmpty();
    }
  }

  /** Returns the message as a server sends it, cut into frames of {@code fragment} bytes, then a text message. */
  private static Bytes frames(Bytes compressed, int fragment) {
    Buffer wire = new Buffer();
    FrameEncoder encoder = FrameEncoder.forServer();
    int at = 0;
    do {
      int end = Math.min(compressed.size(), at + fragment);
      boolean first = at == 0;
      wire.write(encoder.encode(new Frame(end == compressed.size(), first,
          first ? Opcode.BINARY : Opcode.CONTINUATION, compressed.slice(at, end))));
      at = end;
    } while (at < compressed.size());
    wire.write(encoder.encode(Frame.of(Opcode.TEXT, AFTER)));
    return wire.readAll();
  }

  /** What a message must come to, by the JDK's inflater. */
  private enum Verdict {
    /** Valid, and inflates to no more than the limit: it is delivered. */
    FITS,
    /** Stays valid for more than the limit and a reader's step past it: 1009. */
    TOO_BIG,
    /** Breaks before the limit: 1007. */
    INVALID,
    /**
     * Breaks near or past the limit: 1009 or 1007, as the reader's steps fall, which depends on
     * how the frames arrived, since an inflater that fails loses the output of its last step.
     */
    INVALID_NEAR_THE_LIMIT
  }

  private record Reference(Verdict verdict, Bytes output) {}

  /**
   * Inflates the payload and its tail with the JDK's inflater, for at most the limit and two of
   * the reader's steps, and says what the message must come to.
   */
  private static Reference inflate(Bytes compressed) {
    long cap = LIMITS.maxMessageSize() + 2L * MessageInflater.STEP;
    Inflater inflater = new Inflater(true);
    Buffer output = new Buffer();
    try {
      for (Bytes part : List.of(compressed, MessageInflater.TAIL)) {
        inflater.setInput(part.toByteArray());
        byte[] out = new byte[REFERENCE_STEP];
        while (!inflater.finished() && !inflater.needsInput()) {
          int n = inflater.inflate(out);
          if (n == 0 && inflater.needsDictionary()) {
            return broken(output);
          }
          output.write(out, 0, n);
          if (output.size() > cap) {
            return new Reference(Verdict.TOO_BIG, Bytes.EMPTY);
          }
        }
      }
      return output.size() > LIMITS.maxMessageSize() ? new Reference(Verdict.TOO_BIG, Bytes.EMPTY)
          : new Reference(Verdict.FITS, output.readAll());
    } catch (DataFormatException e) {
      return broken(output);
    } finally {
      inflater.end();
    }
  }

  private static Reference broken(Buffer output) {
    boolean nearLimit = output.size() + REFERENCE_STEP > LIMITS.maxMessageSize();
    return new Reference(nearLimit ? Verdict.INVALID_NEAR_THE_LIMIT
        : Verdict.INVALID, Bytes.EMPTY);
  }
}
