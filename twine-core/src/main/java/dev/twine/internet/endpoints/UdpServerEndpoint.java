package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.ReactorUdp;
import java.util.Objects;

/**
 * Listening on a UDP port: {@code udp:PORT:interface=ADDRESS:maxPacketSize=N}, or
 * {@code udp6:...} whose interface defaults to {@code ::}.
 *
 * @param reactor the reactor that listens
 * @param port the port, 0 for any free one
 * @param interfaceAddress the address to bind, {@code ""} for every IPv4 interface
 * @param maxPacketSize the longest datagram received whole, 1 to 65535
 */
public record UdpServerEndpoint(ReactorUdp reactor, int port, String interfaceAddress, int maxPacketSize)
    implements DatagramServerEndpoint {

  /** Validates the values. */
  public UdpServerEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    if (maxPacketSize < 1 || maxPacketSize > 65535) {
      throw new IllegalArgumentException("maxPacketSize must be 1 to 65535: " + maxPacketSize);
    }
  }

  @Override
  public Deferred<DatagramTransport> listen(DatagramProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return Deferred.maybeDeferred(() -> reactor.listenUdp(port, protocol, interfaceAddress, maxPacketSize));
  }
}
