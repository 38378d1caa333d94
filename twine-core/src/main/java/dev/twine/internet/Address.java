package dev.twine.internet;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * The address of one end of a connection or of a listening port.
 *
 * <p>A closed set: {@link IPv4Address}, {@link IPv6Address} and {@link UnixAddress}, so code can
 * {@code switch} over it.
 */
public sealed interface Address permits IPv4Address, IPv6Address, UnixAddress {

  /** Returns the JDK's form of this address, for use with {@code java.nio}. */
  SocketAddress socketAddress();

  /** Returns the address of a socket address that the JDK reported for a socket of {@code type}. */
  static Address of(SocketAddress address, AddressType type) {
    return switch (address) {
      case InetSocketAddress inet when inet.getAddress() instanceof java.net.Inet6Address ->
          new IPv6Address(type, inet.getAddress().getHostAddress(), inet.getPort());
      case InetSocketAddress inet -> new IPv4Address(
          type, inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress(), inet.getPort());
      case UnixDomainSocketAddress unix -> new UnixAddress(unix.getPath().toString());
      default -> throw new IllegalArgumentException("unsupported address: " + address);
    };
  }
}
