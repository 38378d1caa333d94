package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTcp;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connecting to one TCP host and port, with the reactor resolving the name (Twisted's
 * {@code TCP4ClientEndpoint}). For names with several addresses, {@link HostnameEndpoint} tries
 * them all.
 *
 * @param reactor the reactor that connects
 * @param host a host name or address
 * @param port the port
 * @param timeout how long an attempt may take
 * @param bindAddress the local address to connect from, or {@code null} for any
 */
public record TcpClientEndpoint(
    ReactorTcp reactor, String host, int port, Duration timeout, @Nullable Address bindAddress)
    implements StreamClientEndpoint {

  /** Validates the values. */
  public TcpClientEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535: " + port);
    }
  }

  @Override
  public Deferred<Protocol> connect(Factory factory) {
    Connector[] connector = new Connector[1];
    Deferred<Protocol> connected = new Deferred<>(d -> connector[0].disconnect());
    connector[0] = reactor.connectTcp(host, port, new ConnectingFactory(factory, connected), timeout, bindAddress);
    return connected;
  }
}
