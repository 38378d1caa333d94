package dev.twine.internet;

import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;

/**
 * A protocol that reads each piece of received data in place, from the transport's own read
 * buffer, instead of receiving a copy of it as {@link Bytes}: the receiving half of a
 * copy-free relay, such as an echo server or a proxy.
 *
 * <pre>{@code
 * final class Relay extends ByteBufferProtocol {
 *   private final Transport out;
 *
 *   Relay(Transport out) {
 *     this.out = out;
 *   }
 *
 *   @Override
 *   public void bufferReceived(ByteBuffer data) {
 *     out.write(data);   // sent at once or copied: data may be reused afterwards
 *   }
 * }
 * }</pre>
 *
 * <p>The buffer is lent, not given: it is valid only until {@link #bufferReceived} returns, after
 * which the transport reads the next piece of data into the same memory, for this connection or
 * another. A protocol must consume what it receives before returning: parse it, pass it to {@link
 * Transport#write(ByteBuffer)} (which sends it or copies what it cannot send), or copy what it
 * keeps with {@link Bytes#copyOf(ByteBuffer)}. Keeping the buffer and reading it later reads
 * someone else's data.
 *
 * <p>A connection of the NIO reactor lends a read-only view of its reactor's direct read buffer,
 * so a read costs no allocation and a relay's bytes are never copied onto the heap. Everything
 * else that delivers data (a {@code ProtocolWrapper}, TLS, the test kit's transports) calls
 * {@link #dataReceived}, which lends a view of the {@code Bytes} it is given: the protocol works
 * unchanged. Passing that view on to {@link Transport#write(ByteBuffer)} copies it, where writing
 * the {@code Bytes} would not: a relay that also serves TLS overrides {@code dataReceived} to
 * write them.
 *
 * <p>Threading: the reactor thread of the connection, like every protocol.
 */
public abstract class ByteBufferProtocol extends Protocol {

  /** Creates a protocol that is not connected yet. */
  protected ByteBufferProtocol() {}

  /**
   * Called with each piece of data as it arrives: the bytes from {@code data}'s position to its
   * limit, in a read-only buffer that is valid only until this method returns. The protocol may
   * move the buffer's position and limit; they are set afresh for the next piece.
   */
  public abstract void bufferReceived(ByteBuffer data);

  /**
   * Lends a read-only view of {@code data} to {@link #bufferReceived}, without copying it. A
   * protocol may override this to handle the {@code Bytes} themselves the same way, such as an
   * echo that writes them back: immutable, they can be queued or kept without a copy.
   */
  @Override
  public void dataReceived(Bytes data) {
    bufferReceived(data.asReadOnlyByteBuffer());
  }
}
