package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;

/**
 * The buffers the engine reads from, into and writes to, one set per thread: each use copies out
 * what it produced (or, for the input, what the engine left) before any code outside the engine
 * runs. For large amounts the engine works in an array of their own instead ({@link #records}, or
 * a buffer the caller allocates), which {@link #take} hands on without copying: a copy of small
 * records is cheap, while a fresh array for them would be mostly empty (the engine wants room for
 * a whole record).
 */
final class EngineBuffers {
  /** The least plaintext or ciphertext worth an array of its own. */
  static final int OWN_ARRAY_AT_LEAST = 8 * 1024;
  private static final int SIZE = 64 * 1024;
  private static final int MAX_PLAINTEXT_RECORD = 16 * 1024;
  private static final int RECORDS_PER_ARRAY = 4;
  private ByteBuffer cipher = ByteBuffer.allocate(SIZE);
  private ByteBuffer plain = ByteBuffer.allocate(SIZE);
  private ByteBuffer net = ByteBuffer.allocate(SIZE + 17 * 1024);
  final ByteBuffer[] sources = new ByteBuffer[64];

  /** Returns the shared buffer for ciphertext the engine reads, empty, with room for {@code atLeast}. */
  ByteBuffer cipher(int atLeast) {
    if (cipher.capacity() < atLeast) {
      cipher = ByteBuffer.allocate(Math.max(atLeast, cipher.capacity() * 2));
    }
    return cipher.clear();
  }

  ByteBuffer plain(int atLeast) {
    if (plain.capacity() < atLeast) {
      plain = ByteBuffer.allocate(atLeast);
    }
    return plain.clear();
  }

  ByteBuffer growPlain(int atLeast) {
    plain = ByteBuffer.allocate(Math.max(atLeast, plain.capacity() * 2));
    return plain;
  }

  ByteBuffer net(int atLeast) {
    if (net.capacity() < atLeast) {
      net = ByteBuffer.allocate(atLeast);
    }
    return net.clear();
  }

  ByteBuffer growNet(int atLeast) {
    net = ByteBuffer.allocate(Math.max(atLeast, net.capacity() * 2));
    return net;
  }

  /**
   * Returns where to encrypt {@code plaintext} bytes into, records of at most {@code packet} bytes
   * each: a fresh array with room for up to four records when there is much, else the shared one.
   */
  ByteBuffer records(long plaintext, int packet) {
    if (plaintext < OWN_ARRAY_AT_LEAST) {
      return net(packet);
    }
    long records = Math.min(RECORDS_PER_ARRAY, (plaintext + MAX_PLAINTEXT_RECORD - 1) / MAX_PLAINTEXT_RECORD);
    return ByteBuffer.allocate(Math.toIntExact(records * packet));
  }

  /**
   * Returns what {@code filled} holds as bytes: a copy, emptying it, if it is one of the shared
   * buffers; else its own array, which nothing may write to afterwards.
   */
  Bytes take(ByteBuffer filled) {
    if (filled != plain && filled != net) {
      return Bytes.wrap(filled.array()).slice(0, filled.position());
    }
    Bytes copy = Bytes.copyOf(filled.flip());
    filled.clear();
    return copy;
  }
}
