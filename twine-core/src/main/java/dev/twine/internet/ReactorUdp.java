package dev.twine.internet;

/** Listening on UDP ports, IPv4 and IPv6, and for multicast (Twisted's {@code IReactorUDP} and {@code IReactorMulticast}). */
public interface ReactorUdp {

  /** The default longest datagram received whole, as Twisted's. */
  int DEFAULT_MAX_PACKET_SIZE = 8192;

  /**
   * Binds a UDP port, {@code port} (0 for any free port) of {@code interfaceAddress} ({@code ""}
   * for all IPv4 interfaces, {@code "::"} for all IPv6 and IPv4 ones), and attaches
   * {@code protocol} to it, which calls its {@code startProtocol} before this returns. Datagrams
   * longer than {@code maxPacketSize} arrive truncated to it.
   *
   * @throws CannotListen if the address is in use or cannot be bound
   * @throws IllegalArgumentException if {@code port} is not 0 to 65535 or {@code maxPacketSize} not
   *     1 to 65535
   * @throws IllegalStateException if {@code protocol} is already attached to a transport
   */
  DatagramTransport listenUdp(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize);

  /** Binds {@code port} of every IPv4 interface, with the default maximum packet size. */
  default DatagramTransport listenUdp(int port, DatagramProtocol protocol) {
    return listenUdp(port, protocol, "", DEFAULT_MAX_PACKET_SIZE);
  }

  /**
   * Binds a UDP port for receiving multicast, as {@link #listenUdp} does; the protocol joins groups
   * with {@link DatagramTransport#joinGroup}. With {@code listenMultiple}, other sockets (in this
   * process or others) may bind the same port too (SO_REUSEADDR and SO_REUSEPORT), and each gets
   * every datagram sent to the groups it joined.
   *
   * @throws CannotListen if the address is in use or cannot be bound
   */
  DatagramTransport listenMulticast(
      int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize, boolean listenMultiple);

  /** Binds {@code port} of every IPv4 interface for multicast, alone, with the default maximum packet size. */
  default DatagramTransport listenMulticast(int port, DatagramProtocol protocol) {
    return listenMulticast(port, protocol, "", DEFAULT_MAX_PACKET_SIZE, false);
  }
}
