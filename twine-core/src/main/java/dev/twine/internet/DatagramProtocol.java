package dev.twine.internet;

import dev.twine.bytes.Bytes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The code that speaks a datagram protocol on one UDP port: it receives each datagram with its
 * sender's address and writes to its {@link DatagramTransport} (Twisted's
 * {@code DatagramProtocol}).
 *
 * <pre>{@code
 * final class Echo extends DatagramProtocol {
 *   @Override
 *   public void datagramReceived(Bytes data, Address from) {
 *     transport().write(data, from);
 *   }
 * }
 * reactor.listenUdp(9999, new Echo());
 * }</pre>
 *
 * <p>Lifecycle: {@link #makeConnection} once, which calls {@link #startProtocol}; then any number
 * of {@link #datagramReceived} and, on a connected transport, {@link #connectionRefused}; then
 * {@link #stopProtocol} once, after the port has closed. Each datagram arrives whole, in one call;
 * datagrams may be lost, duplicated or reordered by the network.
 *
 * <p>Threading: every method is called on the thread of the reactor that owns the port, so a
 * protocol needs no locks. An exception thrown by a method is logged with the port's address and
 * the port goes on receiving, as in Twisted: one bad datagram does not close it.
 */
public abstract class DatagramProtocol {
  private @Nullable DatagramTransport transport;

  /** Creates a protocol that is not attached to a port yet. */
  protected DatagramProtocol() {}

  /**
   * Attaches the protocol to its transport and calls {@link #startProtocol}. Reactors call this
   * from {@code listenUdp}; tests call it with a fake transport.
   *
   * @throws IllegalStateException if the protocol is already attached to a transport
   */
  public void makeConnection(DatagramTransport transport) {
    if (this.transport != null) {
      throw new IllegalStateException(getClass().getName() + " is already attached to " + this.transport);
    }
    this.transport = Objects.requireNonNull(transport, "transport");
    startProtocol();
  }

  /** Called once the port is listening: a good place to join groups or send a first datagram. */
  public void startProtocol() {}

  /**
   * Called with each datagram and the address it came from; the default discards it. A datagram
   * longer than the port's maximum packet size arrives truncated to that size.
   */
  public void datagramReceived(Bytes data, Address from) {}

  /**
   * Called on a connected transport when the peer's host answered a datagram with "port
   * unreachable": nothing listens there (yet). The transport stays open; later datagrams may get
   * through. Never called on a transport that is not connected.
   */
  public void connectionRefused() {}

  /** Called once after the port has closed; the transport can no longer be written to. */
  public void stopProtocol() {}

  /**
   * Returns the transport of this protocol's port.
   *
   * @throws IllegalStateException if the protocol is not attached yet
   */
  public DatagramTransport transport() {
    DatagramTransport current = transport;
    if (current == null) {
      throw new IllegalStateException(getClass().getName() + " is not attached to a port yet");
    }
    return current;
  }

  /** Returns whether {@link #makeConnection} has been called. */
  public boolean connected() {
    return transport != null;
  }
}
