package dev.twine.internet;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A UDP port as its {@link DatagramProtocol} sees it: sending datagrams, fixing a peer, socket
 * options, multicast groups and closing (Twisted's {@code IUDPTransport} and
 * {@code IMulticastTransport}).
 *
 * <pre>{@code
 * DatagramTransport port = reactor.listenUdp(0, new Client());
 * port.connect("127.0.0.1", 9999);      // now only that peer, and write(data) needs no address
 * port.write(Bytes.utf8("ping"));
 * }</pre>
 *
 * <p>A datagram is sent at once, whole, or not at all: UDP does not split or join them. When the
 * kernel has no room, datagrams wait in a small queue (64 KiB); past that they are dropped, as a
 * congested network drops them. Addresses are IP literals: a transport never resolves names, which
 * would block the reactor.
 *
 * <p>Threading: use a transport only on its reactor's thread; hand work from other threads over
 * with the reactor's {@code callFromThread}. Once the transport is closed, writes are ignored, and
 * reading or setting an option, or joining a group, fails with {@link IllegalStateException}.
 */
public interface DatagramTransport {

  /** The largest datagram UDP carries over IPv4: 65,535 bytes less the IP and UDP headers. */
  int MAX_IPV4_DATAGRAM = 65_507;

  /** The largest datagram UDP carries over IPv6 without jumbograms: 65,535 bytes less the UDP header. */
  int MAX_IPV6_DATAGRAM = 65_527;

  /**
   * Sends {@code datagram} to {@code to}, an IPv4 or IPv6 address literal.
   *
   * @throws IllegalArgumentException if the datagram is longer than UDP carries to {@code to}
   *     ({@link #MAX_IPV4_DATAGRAM}, {@link #MAX_IPV6_DATAGRAM}), if {@code to} is not an IP
   *     literal of a family this port can reach, or if the transport is connected to another peer
   */
  void write(Bytes datagram, Address to);

  /** Sends {@code datagram} to the IP literal {@code ip} and {@code port}; see {@link #write(Bytes, Address)}. */
  default void write(Bytes datagram, String ip, int port) {
    write(datagram, IpAddresses.parse(AddressType.UDP, ip, port));
  }

  /**
   * Sends {@code datagram} to the connected peer.
   *
   * @throws IllegalStateException if the transport is not connected
   * @throws IllegalArgumentException if the datagram is longer than UDP carries to the peer
   */
  void write(Bytes datagram);

  /**
   * Fixes the peer (Twisted's {@code connect}): from now on only its datagrams are received,
   * {@link #write(Bytes)} sends to it, and its host's "port unreachable" answers reach the
   * protocol as {@code connectionRefused}. A transport connects once.
   *
   * @throws IllegalStateException if it is already connected or closed
   * @throws IllegalArgumentException if {@code peer} is not an IP literal with a port from 1 to
   *     65535, or of a family this port cannot reach
   * @throws ConnectError if the kernel refuses, for example when no route leads to the peer
   */
  void connect(Address peer);

  /** Connects to the IP literal {@code ip} and {@code port}; see {@link #connect(Address)}. */
  default void connect(String ip, int port) {
    connect(IpAddresses.parse(AddressType.UDP, ip, port));
  }

  /** Returns the connected peer, or nothing when the transport is not connected. */
  Optional<Address> peer();

  /** Returns the address the port is bound to, with the real port when 0 was asked for. */
  Address host();

  /** Returns the longest datagram that is received whole; longer ones arrive truncated. */
  int maxPacketSize();

  /** Returns whether datagrams may be sent to broadcast addresses (SO_BROADCAST); off by default. */
  boolean broadcastAllowed();

  /** Allows or forbids sending to broadcast addresses. */
  void setBroadcastAllowed(boolean allowed);

  /**
   * Joins the multicast {@code group} (an IP literal such as {@code 228.0.0.5}) on
   * {@code networkInterface}, given by name ({@code lo}, {@code eth0}) or by one of its addresses;
   * datagrams sent to the group then arrive at this port if it listens on the group's port. The
   * Deferred fails with {@link MulticastJoinError} if the kernel refuses.
   *
   * @throws IllegalArgumentException if {@code group} is not a multicast address of this port's
   *     family, or no interface has that name or address
   */
  Deferred<@Nullable Void> joinGroup(String group, String networkInterface);

  /**
   * Leaves a group joined with {@link #joinGroup}; the Deferred fires once it is left.
   *
   * @throws IllegalArgumentException if the port is not a member of {@code group} on
   *     {@code networkInterface}
   */
  Deferred<@Nullable Void> leaveGroup(String group, String networkInterface);

  /** Returns the time-to-live of multicast datagrams sent: how many routers they may cross. */
  int multicastTtl();

  /**
   * Sets the time-to-live of multicast datagrams sent (1, the default, keeps them on the local
   * network).
   *
   * @throws IllegalArgumentException if {@code ttl} is not 0 to 255
   */
  void setMulticastTtl(int ttl);

  /** Returns whether multicast datagrams sent are also delivered to this host's own members. */
  boolean multicastLoopback();

  /** Sets whether multicast datagrams sent are also delivered to this host's own members. */
  void setMulticastLoopback(boolean loopback);

  /** Returns the name of the interface multicast datagrams are sent on, if one was set. */
  Optional<String> outgoingInterface();

  /**
   * Sends multicast datagrams on {@code networkInterface}, given by name or by one of its
   * addresses, instead of the one the routing table picks.
   *
   * @throws IllegalArgumentException if no interface has that name or address
   */
  void setOutgoingInterface(String networkInterface);

  /**
   * Closes the port: datagrams still queued get one last attempt, then the socket closes and,
   * after the current callback returns, the protocol's {@code stopProtocol} runs. The Deferred
   * fires after that. Idempotent: later calls return a Deferred that fires at the same time.
   */
  Deferred<@Nullable Void> loseConnection();

  /**
   * Fails if {@code datagram} is longer than UDP carries to {@code to}; every implementation checks
   * writes with it.
   *
   * @throws IllegalArgumentException if it is too long, or {@code to} is not an IP address
   */
  static void checkSize(Bytes datagram, Address to) {
    Objects.requireNonNull(datagram, "datagram");
    int max = switch (Objects.requireNonNull(to, "to")) {
      case IPv4Address v4 -> MAX_IPV4_DATAGRAM;
      case IPv6Address v6 -> MAX_IPV6_DATAGRAM;
      case UnixAddress unix -> throw new IllegalArgumentException("a UDP datagram cannot go to " + unix);
    };
    if (datagram.size() > max) {
      throw new IllegalArgumentException("datagram of " + datagram.size() + " bytes is longer than the "
          + max + " bytes UDP carries to " + to);
    }
  }
}
