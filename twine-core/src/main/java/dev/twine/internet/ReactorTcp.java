package dev.twine.internet;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Listening for and making TCP connections, IPv4 and IPv6 (Twisted's {@code IReactorTCP}). */
public interface ReactorTcp {

  /** The default accept backlog, as Twisted's. */
  int DEFAULT_BACKLOG = 50;

  /** The default connect timeout, as Twisted's. */
  Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Listens on {@code port} (0 for any free port) of {@code interfaceAddress} ({@code ""} for all
   * IPv4 interfaces, {@code "::"} for all IPv6 and IPv4 ones) and hands each accepted connection
   * to a protocol from {@code factory}.
   *
   * @throws CannotListen if the address is in use or cannot be bound
   */
  ListeningPort listenTcp(int port, Factory factory, int backlog, String interfaceAddress);

  /** Listens on {@code port} of every IPv4 interface with the default backlog. */
  default ListeningPort listenTcp(int port, Factory factory) {
    return listenTcp(port, factory, DEFAULT_BACKLOG, "");
  }

  /**
   * Connects to {@code host} (a name, resolved without blocking the reactor, or an address) on
   * {@code port}, within {@code timeout}, optionally from {@code bindAddress}; the factory hears
   * how it goes.
   */
  Connector connectTcp(
      String host, int port, ClientFactory factory, Duration timeout, @Nullable Address bindAddress);

  /** Connects with the default timeout from any local address. */
  default Connector connectTcp(String host, int port, ClientFactory factory) {
    return connectTcp(host, port, factory, DEFAULT_CONNECT_TIMEOUT, null);
  }
}
