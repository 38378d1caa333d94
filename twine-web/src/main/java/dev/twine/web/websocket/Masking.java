package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Applies a frame's masking key (RFC 6455 section 5.3): each payload byte is XORed with the key
 * byte at its position modulo 4. Masking and unmasking are the same operation, and both need a
 * copy, since {@link Bytes} do not change: the bytes are masked as they are copied, eight at a
 * time, in one pass over them.
 */
final class Masking {
  /** Little-endian longs, the order of common processors, so that no byte is swapped. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Masking() {}

  /**
   * Copies {@code source} into {@code target} from {@code offset}, XORed with {@code key}, the
   * first byte being at position {@code phase} (0 to 3) of the key.
   *
   * @throws IndexOutOfBoundsException if the target has no room for it
   */
  static void copy(Bytes source, byte[] target, int offset, int key, int phase) {
    int length = source.size();
    Objects.checkFromIndexSize(offset, length, target.length);
    ByteBuffer in = source.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    int rotated = Integer.rotateLeft(key, 8 * phase);
    // The key's bytes in wire order, read as a little-endian int.
    long wide = widen(Integer.reverseBytes(rotated));
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      LONGS.set(target, offset + i, in.getLong(i) ^ wide);
    }
    for (; i < length; i++) {
      target[offset + i] = (byte) (in.get(i) ^ keyByte(rotated, i));
    }
  }

  /** Returns {@code key} twice over in a long. */
  private static long widen(int key) {
    return ((long) key << 32) | (key & 0xffffffffL);
  }

  /** Returns the key byte for the byte at {@code index} from the phase the key is turned to. */
  private static byte keyByte(int rotated, int index) {
    return (byte) (rotated >>> (24 - 8 * (index & 3)));
  }
}
