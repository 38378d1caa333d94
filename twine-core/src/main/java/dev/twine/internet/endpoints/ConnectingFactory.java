package dev.twine.internet.endpoints;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import org.jspecify.annotations.Nullable;

/**
 * The client factory behind endpoints' {@code connect}: builds the user's protocol and fires a
 * Deferred with it once {@code connectionMade} has run, or fails it with the connect error, or
 * with the exception that the user's {@code buildProtocol} or {@code connectionMade} threw. The
 * user's factory only builds protocols: connecting does not call its {@code startFactory}.
 */
final class ConnectingFactory implements ClientFactory {
  private final Factory factory;
  private final Deferred<Protocol> connected;

  ConnectingFactory(Factory factory, Deferred<Protocol> connected) {
    this.factory = factory;
    this.connected = connected;
  }

  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    Protocol protocol;
    try {
      protocol = factory.buildProtocol(address);
    } catch (RuntimeException e) {
      fail(Failure.of(e));
      return null;
    }
    return protocol == null ? null : new Notifying(protocol);
  }

  @Override
  public void clientConnectionFailed(Connector connector, Failure reason) {
    fail(reason.exception() instanceof ConnectError
        ? reason : Failure.of(new ConnectError("cannot connect to " + connector.destination(), reason.exception())));
  }

  private void fail(Failure reason) {
    if (!connected.called()) {
      connected.errback(reason);
    }
  }

  /** Passes every event to the user's protocol, and fires the Deferred once it is connected. */
  private final class Notifying extends Protocol implements HalfCloseableProtocol {
    private final Protocol inner;

    Notifying(Protocol inner) {
      this.inner = inner;
    }

    @Override
    public void makeConnection(Transport transport) {
      super.makeConnection(transport);
      try {
        inner.makeConnection(transport);
      } catch (RuntimeException e) {
        fail(Failure.of(e));
        throw e;
      }
      if (!connected.called()) {
        connected.callback(inner);
      }
    }

    @Override
    public void dataReceived(Bytes data) {
      inner.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      inner.connectionLost(reason);
    }

    @Override
    public void readConnectionLost() {
      if (inner instanceof HalfCloseableProtocol halfCloseable) {
        halfCloseable.readConnectionLost();
      } else {
        transport().loseConnection();
      }
    }

    @Override
    public void writeConnectionLost() {
      if (inner instanceof HalfCloseableProtocol halfCloseable) {
        halfCloseable.writeConnectionLost();
      }
    }
  }
}
