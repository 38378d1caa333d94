package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Ciphertext received that the engine has not read yet: usually nothing, or the start of one
 * record. The engine decrypts in place, so it reads from writable arrays: a chunk that arrives while
 * nothing is held is copied into the thread's shared input buffer (a received chunk is immutable
 * bytes, and a read-only buffer would make the engine allocate two copies of each record); only what
 * the engine leaves of it is kept here, in the connection's own array, which later chunks are
 * appended to. A record that trickles in byte by byte is appended with amortized growth, not copied
 * whole each time.
 */
final class HeldInput {
  private static final int KEEP_AT_MOST = 32 * 1024;
  private static final int RECORD_HEADER = 5;

  private @Nullable Bytes chunk;
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
      chunk = data;
      return;
    }
    Bytes rest = chunk;
    chunk = null;
    if (rest != null) {
      append(rest.asReadOnlyByteBuffer());
    }
    append(data.asReadOnlyByteBuffer());
  }

  boolean isEmpty() {
    return length == 0 && chunk == null;
  }

  /**
   * Returns a writable buffer holding what is held, for the engine to read from: the connection's
   * own array, or {@code scratch}'s shared input with the latest chunk copied in. Pass it to
   * {@link #consumed} after reading, before other code runs.
   */
  ByteBuffer input(EngineBuffers scratch) {
    Bytes current = chunk;
    if (current == null) {
      return ByteBuffer.wrap(array, 0, length);
    }
    ByteBuffer shared = scratch.cipher(current.size());
    shared.put(current.asReadOnlyByteBuffer()).flip();
    return shared;
  }

  /** Returns how many bytes from the position of {@code input} make whole TLS records, by their headers. */
  static int wholeRecords(ByteBuffer input) {
    int start = input.position();
    int at = start;
    while (input.limit() - at >= RECORD_HEADER) {
      int next = at + RECORD_HEADER + ((input.get(at + 3) & 0xff) << 8 | (input.get(at + 4) & 0xff));
      if (next > input.limit()) {
        break;
      }
      at = next;
    }
    return at - start;
  }

  /** Keeps what the engine left of {@code input}, a buffer from {@link #input}. */
  void consumed(ByteBuffer input) {
    if (chunk != null) {
      chunk = null;
      if (input.hasRemaining()) {
        append(input);
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
