package dev.twine.internet.nio;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.UnixAddress;
import dev.twine.internet.UnknownHost;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing TCP or UNIX connection: resolves the host name on another thread (never blocking
 * the reactor), connects without blocking, enforces the timeout, and tells the factory how it
 * went.
 *
 * <p>Threading: confined to its reactor's thread.
 */
final class OutgoingConnector implements Connector, Selectable {
  private static final System.Logger LOG = System.getLogger(OutgoingConnector.class.getName());
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final NioReactor reactor;
  private final ClientFactory factory;
  private final Address destination;
  private final Duration timeout;
  private final @Nullable Address bindAddress;
  private State state = State.DISCONNECTED;
  private @Nullable SocketChannel channel;
  private @Nullable DelayedCall timer;
  private @Nullable StreamConnection connection;
  private int attempt;

  private OutgoingConnector(
      NioReactor reactor, ClientFactory factory, Address destination, Duration timeout,
      @Nullable Address bindAddress) {
    this.reactor = reactor;
    this.factory = factory;
    this.destination = destination;
    this.timeout = timeout;
    this.bindAddress = bindAddress;
  }

  static OutgoingConnector tcp(NioReactor reactor, String host, int port, ClientFactory factory,
      Duration timeout, @Nullable Address bindAddress) {
    Address destination = host.contains(":")
        ? new IPv6Address(AddressType.TCP, host, port)
        : new IPv4Address(AddressType.TCP, host, port);
    OutgoingConnector connector = new OutgoingConnector(reactor, factory, destination, timeout, bindAddress);
    connector.connect();
    return connector;
  }

  static OutgoingConnector unix(NioReactor reactor, Path path, ClientFactory factory, Duration timeout) {
    OutgoingConnector connector =
        new OutgoingConnector(reactor, factory, new UnixAddress(path.toString()), timeout, null);
    connector.connect();
    return connector;
  }

  @Override
  public Address destination() {
    return destination;
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public void connect() {
    if (state != State.DISCONNECTED) {
      throw new IllegalStateException("cannot connect while " + state.name().toLowerCase());
    }
    state = State.CONNECTING;
    int thisAttempt = ++attempt;
    FactoryStarts.start(factory);
    notifyFactory(() -> factory.startedConnecting(this));
    if (state != State.CONNECTING || attempt != thisAttempt) {
      return;
    }
    timer = reactor.callLater(timeout, () -> failed(new ConnectTimedOut(destination.toString(), timeout)));
    switch (destination) {
      case UnixAddress unix -> open(unix.socketAddress());
      case IPv4Address inet -> resolve(inet.host(), inet.port(), thisAttempt);
      case IPv6Address inet -> resolve(inet.host(), inet.port(), thisAttempt);
    }
  }

  @Override
  public void stopConnecting() {
    if (state != State.CONNECTING) {
      throw new IllegalStateException("not connecting but " + state.name().toLowerCase());
    }
    failed(new ConnectError("connecting to " + destination + " was stopped",
        new CancelledException("connection attempt cancelled")));
  }

  @Override
  public void disconnect() {
    if (state == State.CONNECTING) {
      stopConnecting();
    } else if (state == State.CONNECTED && connection != null) {
      connection.loseConnection();
    }
  }

  private void resolve(String host, int port, int thisAttempt) {
    if (IPV4_LITERAL.matcher(host).matches() || host.contains(":")) {
      open(new InetSocketAddress(host, port));
      return;
    }
    reactor.callInThread(() -> {
      try {
        InetAddress address = InetAddress.getByName(host);
        reactor.callFromThread(() -> {
          if (state == State.CONNECTING && attempt == thisAttempt) {
            open(new InetSocketAddress(address, port));
          }
        });
      } catch (UnknownHostException | SecurityException e) {
        reactor.callFromThread(() -> {
          if (state == State.CONNECTING && attempt == thisAttempt) {
            failed(new UnknownHost(host, e));
          }
        });
      }
    });
  }

  private void open(SocketAddress address) {
    try {
      SocketChannel opened = switch (address) {
        case InetSocketAddress inet -> SocketChannel.open(inet.getAddress() instanceof Inet6Address
            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        default -> SocketChannel.open(StandardProtocolFamily.UNIX);
      };
      channel = opened;
      opened.configureBlocking(false);
      if (bindAddress != null) {
        opened.bind(bindAddress.socketAddress());
      }
      if (opened.connect(address)) {
        connected(opened);
      } else {
        reactor.register(opened, SelectionKey.OP_CONNECT, this);
      }
    } catch (IOException | RuntimeException e) {
      failSoon(translate(e));
    }
  }

  /**
   * Fails this attempt once the current call has returned, so that the factory never hears of a
   * failure from inside the {@code connect} call that started the attempt (a factory that retries
   * at once would otherwise recurse).
   */
  private void failSoon(ConnectError reason) {
    int thisAttempt = attempt;
    reactor.callLater(Duration.ZERO, () -> {
      if (attempt == thisAttempt) {
        failed(reason);
      }
    });
  }

  @Override
  public void ready(SelectionKey key) {
    SocketChannel opened = channel;
    if (state != State.CONNECTING || opened == null) {
      return;
    }
    try {
      if (opened.finishConnect()) {
        reactor.closed(this);
        connected(opened);
      }
    } catch (IOException | RuntimeException e) {
      failed(translate(e));
    }
  }

  private void connected(SocketChannel opened) throws IOException {
    cancelTimer();
    Address host = Address.of(opened.getLocalAddress(), AddressType.TCP);
    Address peer = Address.of(opened.getRemoteAddress(), AddressType.TCP);
    Protocol protocol = factory.buildProtocol(peer);
    if (protocol == null) {
      failed(new ConnectError("the factory refused the connection to " + destination, null));
      return;
    }
    state = State.CONNECTED;
    int thisAttempt = attempt;
    StreamConnection made = new StreamConnection(reactor, opened, protocol, host, peer, reason -> lost(reason, thisAttempt));
    connection = made;
    made.start();
  }

  private void lost(Failure reason, int thisAttempt) {
    if (attempt != thisAttempt) {
      return;
    }
    state = State.DISCONNECTED;
    connection = null;
    notifyFactory(() -> factory.clientConnectionLost(this, reason));
    FactoryStarts.stop(factory);
  }

  private void failed(Throwable reason) {
    if (state != State.CONNECTING) {
      return;
    }
    cancelTimer();
    SocketChannel opened = channel;
    channel = null;
    if (opened != null) {
      reactor.closed(this);
      try {
        opened.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing a failed connection attempt failed", e);
      }
    }
    state = State.DISCONNECTED;
    notifyFactory(() -> factory.clientConnectionFailed(this, Failure.of(reason)));
    FactoryStarts.stop(factory);
  }

  private ConnectError translate(Exception e) {
    if (e instanceof ConnectException) {
      return new ConnectionRefused("connection to " + destination + " refused", e);
    }
    return e instanceof ConnectError error
        ? error : new ConnectError("cannot connect to " + destination + ": " + e.getMessage(), e);
  }

  private void cancelTimer() {
    DelayedCall pending = timer;
    timer = null;
    if (pending != null && pending.active()) {
      pending.cancel();
    }
  }

  private void notifyFactory(Runnable call) {
    try {
      call.run();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "client factory " + factory + " threw", e);
    }
  }

  @Override
  public void shutdownNow() {
    if (state == State.CONNECTING) {
      stopConnecting();
    }
  }

  @Override
  public String toString() {
    return "Connector[" + destination + ", " + state.name().toLowerCase() + "]";
  }
}
