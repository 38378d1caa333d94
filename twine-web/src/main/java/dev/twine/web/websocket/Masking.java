package dev.twine.web.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Applies a frame's masking key (RFC 6455 section 5.3): each payload byte is XORed with the key
 * byte at its position modulo 4. Masking and unmasking are the same operation. Eight bytes are
 * done at a time.
 */
final class Masking {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Masking() {}

  /**
   * XORs {@code length} bytes of {@code array} from {@code offset} with {@code key}, the first of
   * them being at position {@code phase} (0 to 3) of the key.
   */
  static void apply(byte[] array, int offset, int length, int key, int phase) {
    int rotated = Integer.rotateLeft(key, 8 * phase);
    long wide = ((long) rotated << 32) | (rotated & 0xffffffffL);
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      long value = (long) LONGS.get(array, offset + i);
      LONGS.set(array, offset + i, value ^ wide);
    }
    for (; i < length; i++) {
      array[offset + i] ^= (byte) (rotated >>> (24 - 8 * (i & 3)));
    }
  }
}
