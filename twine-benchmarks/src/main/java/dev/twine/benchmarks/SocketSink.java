package dev.twine.benchmarks;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Transport;
import java.nio.ByteBuffer;

/**
 * A transport that does, per write, the work the NIO reactor's connection does before the
 * kernel: it copies the written bytes into one native buffer, as the reactor's coalescing buffer
 * (or the JDK's temporary direct buffer) takes them. {@link #take} returns how many bytes the
 * last operation wrote and empties the buffer. Closing and flow control do nothing.
 */
final class SocketSink implements Transport {
  private static final Address ADDRESS = new IPv4Address(AddressType.TCP, "127.0.0.1", 1);

  private final ByteBuffer outgoing;

  /** Creates a sink whose native buffer holds {@code capacity} bytes. */
  SocketSink(int capacity) {
    outgoing = ByteBuffer.allocateDirect(capacity);
  }

  /** Returns how many bytes were written since the last call, and forgets them. */
  int take() {
    int written = outgoing.position();
    outgoing.clear();
    return written;
  }

  @Override
  public void write(Bytes data) {
    data.copyTo(outgoing);
  }

  @Override
  public void registerProducer(Producer producer, boolean streaming) {}

  @Override
  public void unregisterProducer() {}

  @Override
  public void pauseProducing() {}

  @Override
  public void resumeProducing() {}

  @Override
  public void stopProducing() {}

  @Override
  public void loseConnection() {}

  @Override
  public void abortConnection() {}

  @Override
  public Address peer() {
    return ADDRESS;
  }

  @Override
  public Address host() {
    return ADDRESS;
  }
}
