package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.internet.ByteBufferProtocol;
import java.nio.ByteBuffer;

/**
 * Writes back every byte it receives, as it receives it (RFC 862; Twisted's {@code Echo}). On a
 * plain socket it reads in place and writes what it was lent, so the bytes it echoes are not
 * copied onto the heap; bytes that come as {@link Bytes} (through TLS) are written as they are.
 */
final class Echo extends ByteBufferProtocol {
  @Override
  public void bufferReceived(ByteBuffer data) {
    transport().write(data);
  }

  @Override
  public void dataReceived(Bytes data) {
    transport().write(data);
  }
}
