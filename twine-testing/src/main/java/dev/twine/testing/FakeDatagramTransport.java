package dev.twine.testing;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DatagramTransport} without a socket, for testing datagram protocols in memory: it
 * records what the protocol writes and the options it sets, and lets the test deliver datagrams
 * and "port unreachable" answers.
 *
 * <pre>{@code
 * FakeDatagramTransport transport = FakeDatagramTransport.attach(new Echo());
 * transport.receive(Bytes.utf8("ping"), PEER);
 * assertThat(transport.takeWritten()).containsExactly(new Written(Bytes.utf8("ping"), PEER));
 * }</pre>
 *
 * <p>It checks writes as a reactor's transport does (addresses must be IP literals of the port's
 * family, datagrams no longer than UDP carries, a connected transport writes only to its peer) and
 * drops datagrams received from other senders once connected. Unlike a reactor, it calls the
 * protocol at once ({@link #loseConnection} runs {@code stopProtocol} before returning), and it
 * takes any non-empty interface name, since it knows nothing of the machine's interfaces.
 *
 * <p>Threading: the test's thread.
 */
public final class FakeDatagramTransport implements DatagramTransport {
  /** The address a transport attached without one is bound to. */
  public static final Address DEFAULT_HOST = new IPv4Address(AddressType.UDP, "127.0.0.1", 49152);

  private final DatagramProtocol protocol;
  private final Address host;
  private final int maxPacketSize;
  private final boolean ipv6;
  private final List<Written> written = new ArrayList<>();
  private final Set<Membership> memberships = new LinkedHashSet<>();
  private @Nullable Address peer;
  private @Nullable InetSocketAddress peerSocket;
  private boolean broadcastAllowed;
  private int multicastTtl = 1;
  private boolean multicastLoopback = true;
  private @Nullable String outgoingInterface;
  private boolean closed;

  /** A datagram the protocol wrote, and where to. */
  public record Written(Bytes data, Address to) {}

  /** A multicast group joined on an interface, as the protocol named them (the group canonical). */
  public record Membership(String group, String networkInterface) {}

  private FakeDatagramTransport(DatagramProtocol protocol, Address host, int maxPacketSize) {
    this.protocol = protocol;
    this.host = host;
    this.maxPacketSize = maxPacketSize;
    this.ipv6 = IpAddresses.socketAddress(host).getAddress() instanceof Inet6Address;
  }

  /**
   * Returns a transport bound to {@link #DEFAULT_HOST} receiving datagrams of up to 8192 bytes,
   * with {@code protocol} attached: its {@code startProtocol} has run.
   */
  public static FakeDatagramTransport attach(DatagramProtocol protocol) {
    return attach(protocol, DEFAULT_HOST, 8192);
  }

  /**
   * Returns a transport bound to {@code host} receiving datagrams of up to {@code maxPacketSize}
   * bytes, with {@code protocol} attached: its {@code startProtocol} has run. An IPv6 host makes a
   * port that can reach IPv6 and IPv4 addresses, an IPv4 one a port that reaches only IPv4.
   *
   * @throws IllegalArgumentException if {@code host} is not an IP literal or the size not 1 to 65535
   * @throws IllegalStateException if {@code protocol} is already attached to a transport
   */
  public static FakeDatagramTransport attach(DatagramProtocol protocol, Address host, int maxPacketSize) {
    Objects.requireNonNull(protocol, "protocol");
    if (maxPacketSize < 1 || maxPacketSize > 65535) {
      throw new IllegalArgumentException("maxPacketSize must be 1 to 65535: " + maxPacketSize);
    }
    FakeDatagramTransport transport = new FakeDatagramTransport(protocol, host, maxPacketSize);
    protocol.makeConnection(transport);
    return transport;
  }

  // --- What the test drives and inspects ---

  /**
   * Delivers {@code data} from {@code from} to the protocol, truncated to the maximum packet size
   * as a socket truncates it; once connected, datagrams from other senders are dropped.
   *
   * @throws IllegalStateException if the transport is closed
   */
  public void receive(Bytes data, Address from) {
    Objects.requireNonNull(data, "data");
    InetSocketAddress sender = IpAddresses.socketAddress(from);
    checkOpen();
    if (peerSocket != null && !peerSocket.equals(sender)) {
      return;
    }
    protocol.datagramReceived(data.size() > maxPacketSize ? data.slice(0, maxPacketSize) : data, from);
  }

  /**
   * Tells the protocol that the peer's host answered "port unreachable".
   *
   * @throws IllegalStateException if the transport is not connected, or closed
   */
  public void refuse() {
    checkOpen();
    if (peer == null) {
      throw new IllegalStateException("only a connected transport hears connectionRefused: connect it first");
    }
    protocol.connectionRefused();
  }

  /** Returns the datagrams written since the last {@link #takeWritten}, in order. */
  public List<Written> written() {
    return List.copyOf(written);
  }

  /** Returns the datagrams written since the last call, in order, and forgets them. */
  public List<Written> takeWritten() {
    List<Written> taken = List.copyOf(written);
    written.clear();
    return taken;
  }

  /** Returns the groups joined and not left, in the order joined. */
  public List<Membership> memberships() {
    return List.copyOf(memberships);
  }

  /** Returns whether {@link #loseConnection} has been called. */
  public boolean closed() {
    return closed;
  }

  /** Returns the attached protocol. */
  public DatagramProtocol protocol() {
    return protocol;
  }

  // --- DatagramTransport ---

  @Override
  public void write(Bytes datagram, Address to) {
    InetSocketAddress target = reachable(to);
    DatagramTransport.checkSize(datagram, to);
    if (peerSocket != null && !peerSocket.equals(target)) {
      throw new IllegalArgumentException(this + " is connected to " + peer + ", so it cannot write to " + to);
    }
    if (!closed) {
      written.add(new Written(datagram, to));
    }
  }

  @Override
  public void write(Bytes datagram) {
    Address connected = peer;
    if (connected == null) {
      throw new IllegalStateException(this + " is not connected: give the address, or connect(host, port) first");
    }
    write(datagram, connected);
  }

  @Override
  public void connect(Address to) {
    checkOpen();
    if (peer != null) {
      throw new IllegalStateException(this + " is already connected to " + peer + "; a UDP transport connects once");
    }
    peerSocket = reachable(to);
    peer = to;
  }

  @Override
  public Optional<Address> peer() {
    return Optional.ofNullable(peer);
  }

  @Override
  public Address host() {
    return host;
  }

  @Override
  public int maxPacketSize() {
    return maxPacketSize;
  }

  @Override
  public boolean broadcastAllowed() {
    checkOpen();
    return broadcastAllowed;
  }

  @Override
  public void setBroadcastAllowed(boolean allowed) {
    checkOpen();
    broadcastAllowed = allowed;
  }

  @Override
  public Deferred<@Nullable Void> joinGroup(String group, String networkInterface) {
    checkOpen();
    memberships.add(membership(group, networkInterface));
    return Deferred.succeed(null);
  }

  @Override
  public Deferred<@Nullable Void> leaveGroup(String group, String networkInterface) {
    Membership membership = membership(group, networkInterface);
    if (!memberships.remove(membership)) {
      throw new IllegalArgumentException(this + " is not a member of " + group + " on " + networkInterface);
    }
    return Deferred.succeed(null);
  }

  @Override
  public int multicastTtl() {
    checkOpen();
    return multicastTtl;
  }

  @Override
  public void setMulticastTtl(int ttl) {
    if (ttl < 0 || ttl > 255) {
      throw new IllegalArgumentException("multicast TTL must be 0 to 255: " + ttl);
    }
    checkOpen();
    multicastTtl = ttl;
  }

  @Override
  public boolean multicastLoopback() {
    checkOpen();
    return multicastLoopback;
  }

  @Override
  public void setMulticastLoopback(boolean loopback) {
    checkOpen();
    multicastLoopback = loopback;
  }

  @Override
  public Optional<String> outgoingInterface() {
    checkOpen();
    return Optional.ofNullable(outgoingInterface);
  }

  @Override
  public void setOutgoingInterface(String networkInterface) {
    checkInterface(networkInterface);
    checkOpen();
    outgoingInterface = networkInterface;
  }

  /** Closes the transport and runs the protocol's {@code stopProtocol} the first time. */
  @Override
  public Deferred<@Nullable Void> loseConnection() {
    if (!closed) {
      closed = true;
      memberships.clear();
      protocol.stopProtocol();
    }
    return Deferred.succeed(null);
  }

  private InetSocketAddress reachable(Address to) {
    InetSocketAddress target = IpAddresses.socketAddress(to);
    if (target.getPort() == 0) {
      throw new IllegalArgumentException("a UDP datagram cannot go to port 0: " + to);
    }
    if (!ipv6 && target.getAddress() instanceof Inet6Address) {
      throw new IllegalArgumentException("the IPv4 port " + host + " cannot reach " + to + "; listen on \"::\" for IPv6");
    }
    return target;
  }

  private Membership membership(String group, String networkInterface) {
    InetAddress address = IpAddresses.multicastGroup(group);
    if (!ipv6 && address instanceof Inet6Address) {
      throw new IllegalArgumentException("an IPv4 port cannot join the IPv6 group " + group + "; listen on \"::\" instead");
    }
    checkInterface(networkInterface);
    return new Membership(address.getHostAddress(), networkInterface);
  }

  private static void checkInterface(String networkInterface) {
    if (networkInterface.isEmpty()) {
      throw new IllegalArgumentException("a network interface is a name such as lo or one of its addresses, not \"\"");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  @Override
  public String toString() {
    return "FakeDatagramTransport[" + host + (peer == null ? "" : " -> " + peer) + (closed ? ", closed" : "") + "]";
  }
}
