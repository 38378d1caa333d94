package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.ReactorTcp;
import java.util.Objects;

/**
 * Listening on a TCP port: {@code tcp:PORT:interface=ADDRESS:backlog=N}, or {@code tcp6:...} whose
 * interface defaults to {@code ::}.
 *
 * @param reactor the reactor that listens
 * @param port the port, 0 for any free one
 * @param backlog the accept backlog
 * @param interfaceAddress the address to bind, {@code ""} for every IPv4 interface
 */
public record TcpServerEndpoint(ReactorTcp reactor, int port, int backlog, String interfaceAddress)
    implements StreamServerEndpoint {

  /** Validates the values. */
  public TcpServerEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be positive: " + backlog);
    }
  }

  @Override
  public Deferred<ListeningPort> listen(Factory factory) {
    return Deferred.maybeDeferred(() -> reactor.listenTcp(port, factory, backlog, interfaceAddress));
  }
}
