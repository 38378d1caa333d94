package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Ciphertext received that the engine has not read yet: usually nothing, or the start of one
 * record. A chunk that arrives while nothing is held is read in place, without a copy; only when
 * more arrives before it is used up are its rest and the new bytes copied together here. A record
 * that trickles in byte by byte is appended with amortized growth, not copied whole each time.
 */
final class HeldInput {
  private static final int KEEP_AT_MOST = 32 * 1024;

  private @Nullable ByteBuffer chunk;
  private byte[] array = new byte[0];
  private int length;

  HeldInput(Bytes alreadyReceived) {
    add(alreadyReceived);
  }

  void add(Bytes data) {
    if (data.isEmpty()) {
      return;
    }
    if (length == 0 && chunk == null) {
      chunk = data.asReadOnlyByteBuffer();
      return;
    }
    ByteBuffer rest = chunk;
    chunk = null;
    if (rest != null) {
      append(rest);
    }
    append(data.asReadOnlyByteBuffer());
  }

  boolean isEmpty() {
    ByteBuffer current = chunk;
    return length == 0 && (current == null || !current.hasRemaining());
  }

  /** Returns the buffer the engine reads from; pass it to {@link #consumed} after reading. */
  ByteBuffer input() {
    ByteBuffer current = chunk;
    return current != null ? current : ByteBuffer.wrap(array, 0, length);
  }

  /** Keeps what the engine left of {@code input}, a buffer from {@link #input}. */
  void consumed(ByteBuffer input) {
    if (input == chunk) {
      if (!input.hasRemaining()) {
        chunk = null;
      }
      return;
    }
    int rest = input.remaining();
    System.arraycopy(array, input.position(), array, 0, rest);
    length = rest;
    if (length == 0 && array.length > KEEP_AT_MOST) {
      array = new byte[0];
    }
  }

  private void append(ByteBuffer data) {
    int count = data.remaining();
    if (length + count > array.length) {
      array = Arrays.copyOf(array, Math.max(length + count, Math.max(1024, array.length * 2)));
    }
    data.get(array, length, count);
    length += count;
  }
}
