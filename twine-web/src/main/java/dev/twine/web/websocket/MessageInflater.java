package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages of one connection's peer (RFC 7692 section 7.2.2): each compressed
 * frame's payload as it arrives, then, at the end of the message, the four bytes {@code 00 00 ff
 * ff} that the sender left out. The dictionary carries over from message to message unless the
 * peer resets its compressor after each one.
 *
 * <p>Output comes in pieces of at most {@value #STEP} bytes, and inflating stops as soon as it
 * passes the budget it was given: a small payload that inflates to gigabytes costs no more than
 * the budget and one piece.
 *
 * <p>Threading: belongs to its connection. {@link #close} frees the native memory.
 */
final class MessageInflater {
  static final Bytes TAIL = Bytes.of((byte) 0x00, (byte) 0x00, (byte) 0xff, (byte) 0xff);
  static final int STEP = 16 * 1024;

  private final Inflater inflater = new Inflater(true);
  private final boolean resetAfterMessage;
  private final byte[] out = new byte[STEP];

  /** Creates an inflater; {@code resetAfterMessage} when the peer does not take over context. */
  MessageInflater(boolean resetAfterMessage) {
    this.resetAfterMessage = resetAfterMessage;
  }

  /**
   * Inflates {@code input}, part of a compressed message, handing the output to {@code sink};
   * returns how many bytes came out.
   *
   * @throws WebSocketException with {@link CloseCode#MESSAGE_TOO_BIG} once the output passes
   *     {@code budget}, with {@link CloseCode#INVALID_PAYLOAD} if the input is not valid DEFLATE
   */
  long inflate(Bytes input, long budget, Consumer<Bytes> sink) {
    if (inflater.finished()) {
      return 0;                            // a final block ended the stream; the rest is padding
    }
    inflater.setInput(input.asReadOnlyByteBuffer());
    long produced = 0;
    try {
      while (true) {
        int n = inflater.inflate(out);
        if (n > 0) {
          produced += n;
          if (produced > budget) {
            throw new WebSocketException(CloseCode.MESSAGE_TOO_BIG,
                "compressed message inflates past the size limit");
          }
          sink.accept(Bytes.copyOf(out, 0, n));
        }
        if (n < out.length && (inflater.needsInput() || inflater.finished())) {
          return produced;
        }
        if (n == 0) {
          throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "compressed data needs a dictionary");
        }
      }
    } catch (DataFormatException e) {
      throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "invalid compressed data");
    }
  }

  /**
   * Ends a message: inflates the tail that the sender left out, and resets the dictionary if
   * the peer does not take over context (or ended the stream with a final block).
   */
  long endMessage(long budget, Consumer<Bytes> sink) {
    long produced = inflate(TAIL, budget, sink);
    if (resetAfterMessage || inflater.finished()) {
      inflater.reset();
    }
    return produced;
  }

  /** Frees the inflater's native memory; it cannot be used afterwards. Idempotent. */
  void close() {
    inflater.end();
  }
}
