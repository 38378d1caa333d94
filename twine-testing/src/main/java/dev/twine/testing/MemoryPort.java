package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ListeningPort} that a {@link MemoryReactor} returns: it listens until stopped, and
 * accepts the connections the test makes with {@link #accept}.
 *
 * <p>Threading: the test's thread.
 */
public final class MemoryPort implements ListeningPort {
  private final MemoryReactor reactor;
  private final Factory factory;
  private final Address address;
  private boolean listening = true;

  MemoryPort(MemoryReactor reactor, Factory factory, Address address) {
    this.reactor = reactor;
    this.factory = factory;
    this.address = address;
  }

  @Override
  public Address address() {
    return address;
  }

  /** Returns the factory it hands connections to. */
  public Factory factory() {
    return factory;
  }

  /** Returns whether it is still listening: {@link #stopListening} has not been called. */
  public boolean listening() {
    return listening;
  }

  /**
   * Stops listening; the first call stops the factory if this was its last port. Returns a
   * Deferred that has already fired. Idempotent.
   */
  @Override
  public Deferred<@Nullable Void> stopListening() {
    if (listening) {
      listening = false;
      reactor.stopUsing(factory);
    }
    return Deferred.succeed(null);
  }

  /**
   * Accepts a connection over {@code transport}, as the reactor does when a peer connects: asks the
   * factory for a protocol for {@code transport.peer()} and connects it with
   * {@link Protocol#makeConnection}. Returns the protocol, or empty if the factory refused the
   * connection; the transport was then told to {@linkplain Transport#loseConnection lose it}.
   *
   * @throws IllegalStateException if the port has stopped listening
   */
  public Optional<Protocol> accept(Transport transport) {
    Objects.requireNonNull(transport, "transport");
    if (!listening) {
      throw new IllegalStateException("cannot accept on " + this + ": it stopped listening");
    }
    Protocol protocol = factory.buildProtocol(transport.peer());
    if (protocol == null) {
      transport.loseConnection();
      return Optional.empty();
    }
    protocol.makeConnection(transport);
    return Optional.of(protocol);
  }

  @Override
  public String toString() {
    return "MemoryPort[" + address + (listening ? "" : ", stopped") + "]";
  }
}
