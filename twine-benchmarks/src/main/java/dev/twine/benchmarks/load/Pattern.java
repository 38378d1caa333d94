package dev.twine.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The bytes a load sends: an endless stream whose byte at position {@code p} is
 * {@code p % 251}, so that an echo can be checked byte for byte against its position in the
 * stream without keeping what was sent. (251 is prime, so a shifted or reordered block of any
 * power-of-two size does not match by accident.)
 *
 * <p>Slices share one direct buffer that is never released or written to after it is filled
 * (a read-only view would hide its memory address from the native transport, which would then
 * copy every message), so sending allocates only the slice. Thread-safe.
 */
final class Pattern {
  private static final int PERIOD = 251;
  /** The longest slice or check, in bytes. */
  static final int MAX_LENGTH = 64 * 1024;
  private static final ByteBuf BYTES = bytes();

  private Pattern() {}

  private static ByteBuf bytes() {
    ByteBuf bytes = Unpooled.directBuffer(PERIOD + MAX_LENGTH);
    for (int i = 0; i < PERIOD + MAX_LENGTH; i++) {
      bytes.writeByte(i % PERIOD);
    }
    return Unpooled.unreleasableBuffer(bytes);
  }

  /** Returns the {@code length} bytes of the stream starting at {@code position}, to be sent. */
  static ByteBuf slice(long position, int length) {
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "length must be in [1, " + MAX_LENGTH + "], got " + length);
    }
    return BYTES.slice((int) (position % PERIOD), length);
  }

  /**
   * Returns whether the {@code length} bytes of {@code buf} from {@code index} are the stream's
   * bytes from {@code position}; any length, checked in pieces of at most {@link #MAX_LENGTH}.
   */
  static boolean matches(ByteBuf buf, int index, int length, long position) {
    for (int done = 0; done < length; done += MAX_LENGTH) {
      int piece = Math.min(MAX_LENGTH, length - done);
      if (!ByteBufUtil.equals(buf, index + done, BYTES, (int) ((position + done) % PERIOD), piece)) {
        return false;
      }
    }
    return true;
  }
}
