package dev.twine.internet.nio;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.CannotListen;
import dev.twine.internet.ConnectError;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IpAddresses;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A UDP socket in the reactor's selector: the {@link DatagramTransport} of its protocol.
 *
 * <p>Each readiness receives at most {@code readsPerTurn} datagrams into the reactor's shared read
 * buffer (or the port's own, when its maximum packet size is larger) and copies only the bytes
 * delivered; the sender's address is converted once per new sender. Writes are sent at once (an
 * echo leaves while the next datagrams still wait in the kernel, so the peer's replies keep
 * coming), copied into the reactor's native write buffer: the JDK would otherwise copy a heap
 * buffer into a temporary native one per send. When the kernel has no room, datagrams wait, up to
 * {@link #QUEUE_LIMIT} bytes, for {@code OP_WRITE}.
 *
 * <p>Threading: confined to its reactor's thread.
 */
final class UdpPort implements DatagramTransport, Selectable {
  static final int QUEUE_LIMIT = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(UdpPort.class.getName());

  private final NioReactor reactor;
  private final DatagramChannel channel;
  private final DatagramProtocol protocol;
  private final int maxPacketSize;
  private final boolean ipv6;
  private final ByteBuffer readBuffer;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Multicast multicast;
  private @Nullable SelectionKey key;
  private @Nullable Object shutdownTrigger;
  private Address host;
  private @Nullable Address peer;
  private @Nullable InetSocketAddress peerSocket;
  private long queued;
  private @Nullable SocketAddress lastSender;
  private @Nullable Address lastSenderAddress;
  private @Nullable Address lastTarget;
  private @Nullable InetSocketAddress lastTargetSocket;
  private boolean closed;
  private @Nullable Deferred<@Nullable Void> stopped;

  /** A datagram waiting for room in the kernel; {@code target} is null on a connected port. */
  private record Pending(Bytes data, @Nullable InetSocketAddress target) {}

  private UdpPort(NioReactor reactor, DatagramChannel channel, DatagramProtocol protocol,
      int maxPacketSize, boolean ipv6) throws IOException {
    this.reactor = reactor;
    this.channel = channel;
    this.protocol = protocol;
    this.maxPacketSize = maxPacketSize;
    this.ipv6 = ipv6;
    this.host = Address.of(channel.getLocalAddress(), AddressType.UDP);
    this.multicast = new Multicast(channel, ipv6);
    ByteBuffer shared = reactor.readBuffer();
    this.readBuffer = maxPacketSize <= shared.capacity() ? shared : ByteBuffer.allocateDirect(maxPacketSize);
  }

  /**
   * Binds a UDP socket and attaches {@code protocol}; with {@code listenMultiple}, other sockets
   * may bind the same port (SO_REUSEADDR and SO_REUSEPORT).
   */
  static UdpPort listen(NioReactor reactor, int port, DatagramProtocol protocol, String iface,
      int maxPacketSize, boolean listenMultiple) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(iface, "interfaceAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    if (maxPacketSize < 1 || maxPacketSize > 65535) {
      throw new IllegalArgumentException("maxPacketSize must be 1 to 65535: " + maxPacketSize);
    }
    if (protocol.connected()) {
      throw new IllegalStateException(protocol.getClass().getName() + " is already attached to " + protocol.transport());
    }
    String any = iface.isEmpty() ? "0.0.0.0" : iface;
    DatagramChannel channel = null;
    UdpPort udp;
    try {
      InetAddress bindTo = InetAddress.getByName(any);
      boolean ipv6 = bindTo instanceof Inet6Address;
      channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      if (listenMultiple) {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
          channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
      }
      channel.bind(new InetSocketAddress(bindTo, port));
      channel.configureBlocking(false);
      udp = new UdpPort(reactor, channel, protocol, maxPacketSize, ipv6);
      udp.key = reactor.register(channel, SelectionKey.OP_READ, udp);
    } catch (IOException | RuntimeException e) {
      ListeningSocket.closeQuietly(channel);
      throw new CannotListen("udp:" + any + ":" + port, e);
    }
    udp.shutdownTrigger = reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, udp::loseConnection);
    udp.callProtocol(() -> protocol.makeConnection(udp), "startProtocol");
    return udp;
  }

  // --- Writing ---

  @Override
  public void write(Bytes datagram, Address to) {
    InetSocketAddress target = target(to);
    DatagramTransport.checkSize(datagram, to);
    if (peerSocket != null && !target.equals(peerSocket)) {
      throw new IllegalArgumentException(this + " is connected to " + peer + ", so it cannot write to " + to);
    }
    send(datagram, peerSocket == null ? target : null);
  }

  @Override
  public void write(Bytes datagram) {
    Address connected = peer;
    if (connected == null) {
      throw new IllegalStateException(this + " is not connected: give the address, or connect(host, port) first");
    }
    DatagramTransport.checkSize(datagram, connected);
    send(datagram, null);
  }

  /** Returns the socket address of {@code to}, which must be an IP literal this port can reach. */
  private InetSocketAddress target(Address to) {
    Objects.requireNonNull(to, "to");
    if (to == lastSenderAddress && lastSender instanceof InetSocketAddress sender) {
      return sender;
    }
    if (to.equals(lastTarget) && lastTargetSocket != null) {
      return lastTargetSocket;
    }
    InetSocketAddress socket = IpAddresses.socketAddress(to);
    if (socket.getPort() == 0) {
      throw new IllegalArgumentException("a UDP datagram cannot go to port 0: " + to);
    }
    if (!ipv6 && socket.getAddress() instanceof Inet6Address) {
      throw new IllegalArgumentException("the IPv4 port " + host + " cannot reach " + to + "; listen on \"::\" for IPv6");
    }
    lastTarget = to;
    lastTargetSocket = socket;
    return socket;
  }

  private void send(Bytes datagram, @Nullable InetSocketAddress target) {
    if (closed) {
      return;
    }
    if (queue.isEmpty() && trySend(datagram, target)) {
      return;
    }
    if (queued + datagram.size() > QUEUE_LIMIT) {
      LOG.log(System.Logger.Level.DEBUG, "{0} dropped a datagram of {1} bytes: {2} bytes already wait for the kernel",
          this, datagram.size(), queued);
      return;
    }
    queue.add(new Pending(datagram, target));
    queued += datagram.size();
    interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  /** Sends one datagram; returns false if the kernel had no room for it, true if it is gone. */
  private boolean trySend(Bytes datagram, @Nullable InetSocketAddress target) {
    int size = datagram.size();
    ByteBuffer data = reactor.coalesceBuffer();
    if (size <= data.capacity()) {
      data.clear();
      datagram.copyTo(data);
      data.flip();
    } else {
      data = datagram.asReadOnlyByteBuffer();
    }
    try {
      int sent = target == null ? channel.write(data) : channel.send(data, target);
      return sent > 0 || size == 0;
    } catch (PortUnreachableException e) {
      reactor.callLater(Duration.ZERO, this::refused);
      return true;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "{0} could not send a datagram of {1} bytes to {2}: {3}",
          this, size, target == null ? peer : target, e.getMessage());
      return true;
    }
  }

  private void flushQueue() {
    while (!queue.isEmpty()) {
      Pending next = queue.peek();
      if (!trySend(next.data(), next.target())) {
        return;
      }
      queue.poll();
      queued -= next.data().size();
    }
    interest(SelectionKey.OP_READ);
  }

  private void interest(int ops) {
    SelectionKey selectionKey = key;
    if (selectionKey != null && selectionKey.isValid() && selectionKey.interestOps() != ops) {
      selectionKey.interestOps(ops);
    }
  }

  // --- Reading ---

  @Override
  public void ready(SelectionKey selected) {
    if (!selected.isValid()) {
      return;
    }
    int ready = selected.readyOps();
    if ((ready & SelectionKey.OP_WRITE) != 0) {
      flushQueue();
    }
    if ((ready & SelectionKey.OP_READ) != 0 && !closed) {
      read();
    }
  }

  private void read() {
    ByteBuffer buffer = readBuffer;
    for (int reads = reactor.options().readsPerTurn(); reads > 0 && !closed; reads--) {
      buffer.clear().limit(maxPacketSize);
      SocketAddress sender;
      try {
        sender = channel.receive(buffer);
      } catch (PortUnreachableException e) {
        refused();
        continue;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "{0} could not receive: {1}", this, e.getMessage());
        return;
      }
      if (sender == null) {
        return;
      }
      Bytes data = Bytes.copyOf(buffer.flip());
      try {
        protocol.datagramReceived(data, senderAddress(sender));
      } catch (Throwable e) {
        logThrown("datagramReceived", e);
      }
    }
  }

  /** Returns the address of {@code sender}, converting it only when the sender changes. */
  private Address senderAddress(SocketAddress sender) {
    Address known = lastSenderAddress;
    if (known != null && (sender == lastSender || sender.equals(lastSender))) {
      return known;
    }
    Address converted = Address.of(sender, AddressType.UDP);
    lastSender = sender;
    lastSenderAddress = converted;
    return converted;
  }

  private void refused() {
    if (!closed) {
      callProtocol(protocol::connectionRefused, "connectionRefused");
    }
  }

  // --- Peer and addresses ---

  @Override
  public void connect(Address to) {
    checkOpen();
    if (peer != null) {
      throw new IllegalStateException(this + " is already connected to " + peer + "; a UDP transport connects once");
    }
    InetSocketAddress target = target(to);
    try {
      channel.connect(target);
    } catch (IOException e) {
      throw new ConnectError("cannot connect " + this + " to " + to + ": " + e.getMessage(), e);
    }
    peer = Address.of(target, AddressType.UDP);
    peerSocket = target;
    queue.removeIf(pending -> pending.target() != null && !target.equals(pending.target()));
    queued = queue.stream().mapToLong(pending -> pending.data().size()).sum();
    try {
      host = Address.of(channel.getLocalAddress(), AddressType.UDP);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot read the local address of " + this, e);
    }
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

  // --- Options and multicast ---

  @Override
  public boolean broadcastAllowed() {
    return option(StandardSocketOptions.SO_BROADCAST);
  }

  @Override
  public void setBroadcastAllowed(boolean allowed) {
    setOption(StandardSocketOptions.SO_BROADCAST, allowed);
  }

  @Override
  public int multicastTtl() {
    return option(StandardSocketOptions.IP_MULTICAST_TTL);
  }

  @Override
  public void setMulticastTtl(int ttl) {
    if (ttl < 0 || ttl > 255) {
      throw new IllegalArgumentException("multicast TTL must be 0 to 255: " + ttl);
    }
    setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
  }

  @Override
  public boolean multicastLoopback() {
    return option(StandardSocketOptions.IP_MULTICAST_LOOP);
  }

  @Override
  public void setMulticastLoopback(boolean loopback) {
    setOption(StandardSocketOptions.IP_MULTICAST_LOOP, loopback);
  }

  @Override
  public Optional<String> outgoingInterface() {
    checkOpen();
    return multicast.outgoingInterface();
  }

  @Override
  public void setOutgoingInterface(String networkInterface) {
    checkOpen();
    try {
      multicast.setOutgoingInterface(networkInterface);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send multicast on " + networkInterface + " from " + this, e);
    }
  }

  @Override
  public Deferred<@Nullable Void> joinGroup(String group, String networkInterface) {
    checkOpen();
    return multicast.join(group, networkInterface);
  }

  @Override
  public Deferred<@Nullable Void> leaveGroup(String group, String networkInterface) {
    return multicast.leave(group, networkInterface, this);
  }

  private <T> T option(SocketOption<T> option) {
    checkOpen();
    try {
      return channel.getOption(option);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + option + " of " + this, e);
    }
  }

  private <T> void setOption(SocketOption<T> option, T value) {
    checkOpen();
    try {
      channel.setOption(option, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set " + option + " of " + this + " to " + value, e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  // --- Closing ---

  @Override
  public Deferred<@Nullable Void> loseConnection() {
    Deferred<@Nullable Void> done = stopped;
    if (done == null) {
      done = new Deferred<>();
      stopped = done;
      flushQueue();
      close();
      reactor.callLater(Duration.ZERO, this::stopProtocol);
    }
    Deferred<@Nullable Void> later = new Deferred<>();
    done.always(outcome -> later.callback(null));
    return later;
  }

  @Override
  public void shutdownNow() {
    if (stopped == null) {
      stopped = new Deferred<>();
      close();
      stopProtocol();
    }
  }

  private void close() {
    closed = true;
    queue.clear();
    queued = 0;
    multicast.closed();
    if (key != null) {
      key.cancel();
    }
    ListeningSocket.closeQuietly(channel);
    reactor.closed(this);
    Object trigger = shutdownTrigger;
    if (trigger != null && !reactor.shuttingDown()) {
      // Once shutdown has begun, the reactor has taken its "before" triggers, this one included.
      reactor.removeSystemEventTrigger(trigger);
    }
    shutdownTrigger = null;
  }

  private void stopProtocol() {
    callProtocol(protocol::stopProtocol, "stopProtocol");
    Objects.requireNonNull(stopped).callback(null);
  }

  /** Calls the protocol; if it throws, logs it, and the port goes on. */
  private void callProtocol(Runnable call, String event) {
    long start = System.nanoTime();
    try {
      call.run();
    } catch (Throwable e) {
      logThrown(event, e);
    }
    reactor.reportIfSlow(start, protocol);
  }

  private void logThrown(String event, Throwable e) {
    LOG.log(System.Logger.Level.ERROR,
        "protocol " + protocol.getClass().getName() + " of " + this + " threw in " + event, e);
  }

  @Override
  public String toString() {
    return "UdpPort[" + host + (peer == null ? "" : " -> " + peer) + (closed ? ", closed" : "") + "]";
  }
}
