package dev.twine.internet.nio;

import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.CannotListen;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A listening TCP or UNIX socket that accepts connections for a factory.
 *
 * <p>Each readiness accepts a bounded batch. When accepting fails, typically because the process
 * ran out of file descriptors (EMFILE/ENFILE), it stops accepting for a while, doubling the pause
 * up to a second, instead of spinning.
 *
 * <p>Threading: confined to its reactor's thread.
 */
final class ListeningSocket implements ListeningPort, Selectable {
  private static final System.Logger LOG = System.getLogger(ListeningSocket.class.getName());
  private static final int ACCEPTS_PER_TURN = 64;
  private static final Duration MIN_BACKOFF = Duration.ofMillis(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final NioReactor reactor;
  private final ServerSocketChannel server;
  private final Factory factory;
  private final Address address;
  private final @Nullable UnixSocketFile unixFile;
  private final SelectionKey key;
  private Duration backoff = MIN_BACKOFF;
  /**
   * The local address of the last connection accepted, in the JDK's form and in Twine's: the
   * connections accepted on one address share one {@link Address} instead of holding a copy each.
   */
  private @Nullable SocketAddress lastLocal;
  private @Nullable Address lastHost;
  private @Nullable Deferred<@Nullable Void> stopped;

  private ListeningSocket(
      NioReactor reactor, ServerSocketChannel server, Factory factory, @Nullable UnixSocketFile unixFile)
      throws IOException {
    this.reactor = reactor;
    this.server = server;
    this.factory = factory;
    this.unixFile = unixFile;
    server.configureBlocking(false);
    this.address = Address.of(server.getLocalAddress(), AddressType.TCP);
    FactoryStarts.start(factory);
    this.key = reactor.register(server, SelectionKey.OP_ACCEPT, this);
  }

  static ListeningSocket tcp(NioReactor reactor, int port, Factory factory, int backlog, String iface) {
    return tcp(reactor, port, factory, backlog, iface, false);
  }

  /** Listens on TCP; with {@code reusePort}, other sockets may bind the same port (SO_REUSEPORT). */
  static ListeningSocket tcp(
      NioReactor reactor, int port, Factory factory, int backlog, String iface, boolean reusePort) {
    String described = (iface.isEmpty() ? "0.0.0.0" : iface) + ":" + port;
    ServerSocketChannel server = null;
    try {
      InetAddress bindTo = InetAddress.getByName(iface.isEmpty() ? "0.0.0.0" : iface);
      server = ServerSocketChannel.open(
          bindTo instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      if (reusePort) {
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      server.bind(new InetSocketAddress(bindTo, port), backlog);
      return new ListeningSocket(reactor, server, factory, null);
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      throw new CannotListen(described, e);
    }
  }

  static ListeningSocket unix(
      NioReactor reactor, Path path, Factory factory, int backlog, int mode, boolean lockfile) {
    ServerSocketChannel server = null;
    UnixSocketFile file = new UnixSocketFile(path, lockfile);
    boolean locked = false;
    boolean bound = false;
    try {
      file.prepare();
      locked = true;
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path), backlog);
      bound = true;
      file.setMode(mode);
      return new ListeningSocket(reactor, server, factory, file);
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      if (bound) {
        file.remove();
      } else if (locked) {
        file.unlock();
      }
      throw new CannotListen(path.toString(), e);
    }
  }

  @Override
  public Address address() {
    return address;
  }

  NioReactor reactor() {
    return reactor;
  }

  @Override
  public Deferred<@Nullable Void> stopListening() {
    if (stopped != null) {
      Deferred<@Nullable Void> later = new Deferred<>();
      stopped.always(outcome -> later.callback(null));
      return later;
    }
    key.cancel();
    closeQuietly(server);
    if (unixFile != null) {
      unixFile.remove();
    }
    reactor.closed(this);
    FactoryStarts.stop(factory);
    stopped = Deferred.succeed(null);
    return stopListening();
  }

  @Override
  public void ready(SelectionKey selected) {
    for (int i = 0; i < ACCEPTS_PER_TURN && key.isValid(); i++) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        backOff(e);
        return;
      }
      if (channel == null) {
        return;
      }
      backoff = MIN_BACKOFF;
      accepted(channel);
    }
  }

  private void accepted(SocketChannel channel) {
    try {
      channel.configureBlocking(false);
      SocketAddress remote = channel.getRemoteAddress();
      Address peer = remote == null ? new dev.twine.internet.UnixAddress("") : Address.of(remote, AddressType.TCP);
      Address host = host(channel.getLocalAddress());
      Protocol protocol = factory.buildProtocol(peer);
      if (protocol == null) {
        channel.close();
        return;
      }
      new StreamConnection(reactor, channel, protocol, host, peer, reason -> {}).start();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "cannot set up a connection accepted on " + address, e);
      closeQuietly(channel);
    }
  }

  private Address host(SocketAddress local) {
    Address host = lastHost;
    if (host == null || !local.equals(lastLocal)) {
      host = Address.of(local, AddressType.TCP);
      lastLocal = local;
      lastHost = host;
    }
    return host;
  }

  private void backOff(IOException e) {
    LOG.log(System.Logger.Level.WARNING, "accepting on {0} failed ({1}); pausing accepts for {2} ms",
        address, e.getMessage(), backoff.toMillis());
    key.interestOps(0);
    reactor.callLater(backoff, () -> {
      if (key.isValid()) {
        key.interestOps(SelectionKey.OP_ACCEPT);
      }
    });
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  @Override
  public void shutdownNow() {
    stopListening();
  }

  static void closeQuietly(java.nio.channels.@Nullable Channel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing " + channel + " failed", e);
    }
  }

  @Override
  public String toString() {
    return "ListeningPort[" + address + "]";
  }
}
