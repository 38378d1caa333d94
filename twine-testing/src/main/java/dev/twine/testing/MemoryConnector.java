package dev.twine.testing;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.Connector;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Connector} that a {@link MemoryReactor} returns: each attempt stays connecting until
 * the test {@linkplain #complete completes} it over a transport of its choice or
 * {@linkplain #fail fails} it, or until its timeout passes on the reactor's clock, which fails it
 * with {@link ConnectTimedOut}. The factory hears every step as it would from a real reactor.
 *
 * <pre>{@code
 * MemoryConnector connector = reactor.tcpClients().get(0).connector();
 * connector.fail(new ConnectionRefused("refused", null));   // factory.clientConnectionFailed
 * connector.connect();                                      // what a retrying factory does
 * Protocol protocol = connector.complete(transport).orElseThrow();
 * connector.connectionLost(new ConnectionDone("closed"));  // protocol, then factory, hear it
 * }</pre>
 *
 * <p>Threading: the test's thread.
 */
public final class MemoryConnector implements Connector {
  private final MemoryReactor reactor;
  private final ClientFactory factory;
  private final Address destination;
  private final Duration timeout;
  private State state = State.DISCONNECTED;
  private @Nullable DelayedCall timer;
  private @Nullable Protocol protocol;
  private int attempts;

  MemoryConnector(MemoryReactor reactor, ClientFactory factory, Address destination, Duration timeout) {
    this.reactor = reactor;
    this.factory = factory;
    this.destination = destination;
    this.timeout = timeout;
  }

  @Override
  public Address destination() {
    return destination;
  }

  @Override
  public State state() {
    return state;
  }

  /** Returns how many attempts have started, counting the first. */
  public int attempts() {
    return attempts;
  }

  /**
   * Starts an attempt: starts the factory if needed, calls {@code startedConnecting}, and times
   * the attempt out after the timeout given to the reactor.
   */
  @Override
  public void connect() {
    requireState(State.DISCONNECTED, "connect");
    state = State.CONNECTING;
    attempts++;
    reactor.startUsing(factory);
    factory.startedConnecting(this);
    if (state == State.CONNECTING) {
      timer = reactor.callLater(timeout,
          () -> failAttempt(new ConnectTimedOut(destination.toString(), timeout)));
    }
  }

  @Override
  public void stopConnecting() {
    requireState(State.CONNECTING, "stop connecting");
    failAttempt(new ConnectError("connecting to " + destination + " was stopped",
        new CancelledException("connection attempt cancelled")));
  }

  @Override
  public void disconnect() {
    if (state == State.CONNECTING) {
      stopConnecting();
    } else if (state == State.CONNECTED) {
      Objects.requireNonNull(protocol).transport().loseConnection();
    }
  }

  /**
   * Completes the attempt over {@code transport}: asks the factory for a protocol for the
   * destination and connects it with {@link Protocol#makeConnection}. Returns the protocol; or, if
   * the factory refused, tells the transport to {@linkplain Transport#loseConnection lose} the
   * connection, fails the attempt with a {@link ConnectError} and returns empty.
   *
   * @throws IllegalStateException if no attempt is in progress
   */
  public Optional<Protocol> complete(Transport transport) {
    Objects.requireNonNull(transport, "transport");
    requireState(State.CONNECTING, "complete");
    Protocol built = factory.buildProtocol(destination);
    if (built == null) {
      transport.loseConnection();
      failAttempt(new ConnectError("the factory refused the connection to " + destination, null));
      return Optional.empty();
    }
    cancelTimer();
    state = State.CONNECTED;
    protocol = built;
    built.makeConnection(transport);
    return Optional.of(built);
  }

  /**
   * Fails the attempt with {@code reason}, such as a {@code ConnectionRefused}: the factory gets
   * {@code clientConnectionFailed}.
   *
   * @throws IllegalStateException if no attempt is in progress
   */
  public void fail(Throwable reason) {
    Objects.requireNonNull(reason, "reason");
    requireState(State.CONNECTING, "fail");
    failAttempt(reason);
  }

  /**
   * Ends the connection with {@code reason}, as the reactor does when a transport closes: the
   * protocol gets {@code connectionLost}, then the factory {@code clientConnectionLost}.
   *
   * @throws IllegalStateException if it is not connected
   */
  public void connectionLost(Throwable reason) {
    Objects.requireNonNull(reason, "reason");
    requireState(State.CONNECTED, "lose the connection");
    Failure failure = Failure.of(reason);
    Objects.requireNonNull(protocol).connectionLost(failure);
    closed(failure);
  }

  /** The connection's protocol has heard that it ended: tells the factory. */
  void closed(Failure reason) {
    state = State.DISCONNECTED;
    protocol = null;
    factory.clientConnectionLost(this, reason);
    reactor.stopUsing(factory);
  }

  private void failAttempt(Throwable reason) {
    cancelTimer();
    state = State.DISCONNECTED;
    factory.clientConnectionFailed(this, Failure.of(reason));
    reactor.stopUsing(factory);
  }

  private void cancelTimer() {
    DelayedCall pending = timer;
    timer = null;
    if (pending != null && pending.active()) {
      pending.cancel();
    }
  }

  private void requireState(State required, String action) {
    if (state != required) {
      throw new IllegalStateException("cannot " + action + " " + this + ": it is not "
          + required.name().toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public String toString() {
    return "MemoryConnector[" + destination + ", " + state.name().toLowerCase(Locale.ROOT) + "]";
  }
}
