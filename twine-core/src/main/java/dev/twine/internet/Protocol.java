package dev.twine.internet;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The code that speaks a protocol on one connection: it receives the connection's events and
 * writes to its {@link Transport} (Twisted's {@code Protocol}).
 *
 * <pre>{@code
 * final class Echo extends Protocol {
 *   @Override
 *   public void dataReceived(Bytes data) {
 *     transport().write(data);
 *   }
 * }
 * reactor.listenTcp(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>Lifecycle: {@link #makeConnection} once, which calls {@link #connectionMade}; then any number
 * of {@link #dataReceived}; then {@link #connectionLost} exactly once. Data arrives as the network
 * delivers it: one message may come in several calls and several in one.
 *
 * <p>Threading: every method is called on the thread of the reactor that owns the connection, so
 * a protocol needs no locks. An exception thrown by a method is logged with the connection's
 * addresses, the connection is aborted, and the reactor carries on.
 */
public abstract class Protocol {
  private @Nullable Transport transport;

  /** Creates a protocol that is not connected yet. */
  protected Protocol() {}

  /**
   * Attaches the protocol to its transport and calls {@link #connectionMade}. Transports call
   * this; protocols that wrap another protocol call it on the inner one with their own transport.
   *
   * @throws IllegalStateException if the protocol is already connected
   */
  public void makeConnection(Transport transport) {
    if (this.transport != null) {
      throw new IllegalStateException(getClass().getName() + " is already connected to " + this.transport);
    }
    this.transport = Objects.requireNonNull(transport, "transport");
    connectionMade();
  }

  /** Called once the connection is established: a good place to greet the peer. */
  public void connectionMade() {}

  /** Called with each piece of data as it arrives; the default discards it. */
  public void dataReceived(Bytes data) {}

  /**
   * Called once when the connection has ended, with why: {@link ConnectionDone} when it closed
   * cleanly, {@link ConnectionLost} when it did not, {@link ConnectionAborted} when this side
   * aborted it. The transport can no longer be written to.
   */
  public void connectionLost(Failure reason) {}

  /**
   * Returns the transport of this protocol's connection.
   *
   * @throws IllegalStateException if the protocol is not connected yet
   */
  public Transport transport() {
    Transport current = transport;
    if (current == null) {
      throw new IllegalStateException(getClass().getName() + " is not connected yet");
    }
    return current;
  }

  /** Returns whether {@link #makeConnection} has been called. */
  public boolean connected() {
    return transport != null;
  }
}
