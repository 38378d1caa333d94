package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses the messages this end sends (RFC 7692 section 7.2.1), whole or fragment by
 * fragment. Each call flushes the compressor ({@link Deflater#SYNC_FLUSH}), so its output can be
 * sent at once; the {@code 00 00 ff ff} that ends the message's last flush is left out, as the
 * RFC asks, and the receiver puts it back.
 *
 * <p>Streaming: every flush ends with those four bytes, but only the message's last one may be
 * left out, so they are held back from each fragment and sent at the start of the next. A message
 * that compresses to nothing at all (an empty one, after context taken over) is sent as a single
 * {@code 00} byte: with the tail put back, an empty stored block.
 *
 * <p>Threading: belongs to its connection. {@link #close} frees the native memory.
 */
final class MessageDeflater {
  private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
  private static final Bytes EMPTY_BLOCK = Bytes.of((byte) 0x00);
  /** The largest output array kept between messages. */
  private static final int KEPT_OUTPUT = 16 * 1024;

  private final Deflater deflater;
  private final boolean resetAfterMessage;
  private byte[] out = new byte[1024];
  /** Whether the four tail bytes of the last flush are held back. */
  private boolean holding;
  /** Whether any byte of the current message has been handed out. */
  private boolean started;

  /** Creates a compressor at {@code level}; {@code resetAfterMessage} without context takeover. */
  MessageDeflater(int level, boolean resetAfterMessage) {
    this.deflater = new Deflater(level, true);
    this.resetAfterMessage = resetAfterMessage;
  }

  /** Compresses a fragment of the current message; returns the payload to send, maybe empty. */
  Bytes fragment(Bytes data) {
    int length = flush(data);
    boolean tail = endsWithTail(length);
    Bytes payload = Bytes.copyOf(out, 0, tail ? length - TAIL.length : length);
    holding = tail;
    started |= !payload.isEmpty();
    shrink();
    return payload;
  }

  /** Compresses the last fragment of the current message; returns the payload of its last frame. */
  Bytes finish(Bytes data) {
    int length = flush(data);
    Bytes payload = Bytes.copyOf(out, 0, endsWithTail(length) ? length - TAIL.length : length);
    if (payload.isEmpty() && !started) {
      payload = EMPTY_BLOCK;
    }
    holding = false;
    started = false;
    if (resetAfterMessage) {
      deflater.reset();
    }
    shrink();
    return payload;
  }

  /**
   * Flushes {@code data} through the compressor into {@link #out}, after the held tail if any;
   * returns how many bytes of {@code out} it filled.
   */
  private int flush(Bytes data) {
    int length = 0;
    if (holding) {
      System.arraycopy(TAIL, 0, out, 0, TAIL.length);
      length = TAIL.length;
    }
    deflater.setInput(data.asReadOnlyByteBuffer());
    while (true) {
      int room = out.length - length;
      int n = deflater.deflate(out, length, room, Deflater.SYNC_FLUSH);
      length += n;
      if (n < room) {
        return length;
      }
      out = Arrays.copyOf(out, out.length * 2);
    }
  }

  /** Lets go of an output array that a large message grew, so that it is not kept for life. */
  private void shrink() {
    if (out.length > KEPT_OUTPUT) {
      out = new byte[KEPT_OUTPUT];
    }
  }

  private boolean endsWithTail(int length) {
    return length >= TAIL.length
        && Arrays.equals(out, length - TAIL.length, length, TAIL, 0, TAIL.length);
  }

  /** Frees the compressor's native memory; it cannot be used afterwards. Idempotent. */
  void close() {
    deflater.end();
  }
}
