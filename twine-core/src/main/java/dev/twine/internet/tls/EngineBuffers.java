package dev.twine.internet.tls;

import java.nio.ByteBuffer;

/**
 * The buffers the engine reads into and writes to, one set per thread: each use copies out what
 * it produced before any code outside the engine runs.
 */
final class EngineBuffers {
  private static final int SIZE = 64 * 1024;
  private ByteBuffer plain = ByteBuffer.allocate(SIZE);
  private ByteBuffer net = ByteBuffer.allocate(SIZE + 17 * 1024);
  final ByteBuffer[] sources = new ByteBuffer[64];

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
}
