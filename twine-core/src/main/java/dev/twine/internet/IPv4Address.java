package dev.twine.internet;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An IPv4 address and port of a TCP or UDP endpoint.
 *
 * @param type whether it belongs to TCP or UDP
 * @param host the address in dotted-quad form
 * @param port the port, 0 to 65535
 */
public record IPv4Address(AddressType type, String host, int port) implements Address {
  /** Validates the port. */
  public IPv4Address {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(host, "host");
    Ports.check(port);
  }

  @Override
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return type + ":" + host + ":" + port;
  }
}
