package dev.twine.internet.nio;

import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.ReactorTcp;
import dev.twine.internet.endpoints.StreamServerEndpoint;
import dev.twine.internet.tls.TlsServerEndpoint;
import dev.twine.internet.tls.TlsServerOptions;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * N reactors in one process, for servers that use every core. Each connection belongs to one
 * reactor for life, so protocol code keeps Twisted's single-threaded model; state shared between
 * connections of different reactors must be thread-safe, or use one factory per reactor.
 *
 * <pre>{@code
 * NioReactorGroup group = new NioReactorGroup(4);
 * group.listenTcp(8080, Factory.forProtocol(Echo::new), 1024, "");
 * group.listenTls(8443, Factory.forProtocol(Echo::new), TlsServerOptions.of(key), 1024, "");
 * group.run();   // until group.stop()
 * }</pre>
 *
 * <p>Listening binds one socket per reactor to the same address with {@code SO_REUSEPORT}, so the
 * kernel spreads new connections over the reactors. Where the option is not supported, only the
 * first reactor listens. Outgoing connections go to the reactors in turn.
 *
 * <p>Threading: {@link #listenTcp}, {@link #listenTls} and {@link #connectTcp} are meant to be called before
 * {@link #run}, or from a thread that is none of the group's reactors; {@link #stop} is
 * thread-safe.
 */
public final class NioReactorGroup implements ReactorTcp {
  private final List<NioReactor> reactors;
  private final AtomicInteger nextReactor = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();

  /** Creates a group of {@code size} reactors with the default options. */
  public NioReactorGroup(int size) {
    this(size, NioReactor.Options.DEFAULT);
  }

  /** Creates a group of {@code size} reactors with {@code options}. */
  public NioReactorGroup(int size, NioReactor.Options options) {
    if (size < 1) {
      throw new IllegalArgumentException("a reactor group needs at least one reactor: " + size);
    }
    List<NioReactor> made = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      made.add(new NioReactor(options));
    }
    this.reactors = List.copyOf(made);
  }

  /** Returns the group's reactors; the first one runs on the thread that calls {@link #run}. */
  public List<NioReactor> reactors() {
    return reactors;
  }

  /** Returns the reactors in turn, for spreading outgoing connections or other work. */
  public NioReactor next() {
    return reactors.get(Math.floorMod(nextReactor.getAndIncrement(), reactors.size()));
  }

  /**
   * Runs every reactor, the first on the calling thread and the others on threads of their own,
   * until {@link #stop}; returns when all have stopped.
   */
  public void run() {
    for (int i = 1; i < reactors.size(); i++) {
      NioReactor reactor = reactors.get(i);
      Thread thread = Thread.ofPlatform().name("twine-reactor-" + i).start(reactor::run);
      threads.add(thread);
    }
    try {
      reactors.get(0).run();
    } finally {
      for (int i = 1; i < reactors.size(); i++) {
        NioReactor reactor = reactors.get(i);
        if (reactor.running()) {
          reactor.stop();
        }
      }
      joinAll();
    }
  }

  private void joinAll() {
    try {
      for (Thread thread : threads) {
        thread.join(Duration.ofSeconds(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every reactor (each runs its shutdown triggers). Thread-safe. */
  public void stop() {
    for (NioReactor reactor : reactors) {
      if (reactor.running()) {
        reactor.stop();
      }
    }
  }

  @Override
  public ListeningPort listenTcp(int port, Factory factory, int backlog, String interfaceAddress) {
    return listenOnEach(port, (reactor, thisPort, reusePort) ->
        ListeningSocket.tcp(reactor, thisPort, factory, backlog, interfaceAddress, reusePort));
  }

  /**
   * Listens with TLS on {@code port} of {@code interfaceAddress} as {@link #listenTcp} does, one
   * socket per reactor, speaking TLS with {@code options} as {@code NioReactor.listenTls} does: each
   * connection's handshake, its protocol from {@code factory} and all its events stay on the reactor
   * that accepted it, and the protocol is connected once the handshake completes.
   *
   * <p>Threading: as {@link #listenTcp}, before {@link #run} or from a thread outside the group.
   *
   * @throws dev.twine.internet.CannotListen if the address is in use or cannot be bound
   * @throws dev.twine.internet.tls.KeyMaterialException if the options' client trust roots cannot
   *     be used
   */
  public ListeningPort listenTls(
      int port, Factory factory, TlsServerOptions options, int backlog, String interfaceAddress) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(options, "options");
    return listenOnEach(port, (reactor, thisPort, reusePort) -> {
      SocketEndpoint socket = new SocketEndpoint(reactor, thisPort, backlog, interfaceAddress, reusePort);
      CompletableFuture<ListeningPort> listening =
          new TlsServerEndpoint(reactor, socket, options).listen(factory).toCompletableFuture();
      if (listening.isCompletedExceptionally()) {
        Throwable why = listening.exceptionNow();
        throw why instanceof RuntimeException unchecked ? unchecked
            : new IllegalStateException("listening with TLS failed: " + why, why);
      }
      return socket.listening();
    });
  }

  /** Listens with TLS on {@code port} of every IPv4 interface with the default backlog. */
  public ListeningPort listenTls(int port, Factory factory, TlsServerOptions options) {
    return listenTls(port, factory, options, DEFAULT_BACKLOG, "");
  }

  /** Binds one socket per reactor (only the first's without SO_REUSEPORT), on its own thread. */
  private ListeningPort listenOnEach(int port, Binding binding) {
    boolean reusePort = reusePortSupported();
    List<ListeningSocket> sockets = new ArrayList<>();
    int boundPort = port;
    try {
      for (NioReactor reactor : reusePort ? reactors : reactors.subList(0, 1)) {
        int thisPort = boundPort;
        ListeningSocket socket = onReactor(reactor, () -> binding.bind(reactor, thisPort, reusePort));
        sockets.add(socket);
        boundPort = portOf(socket.address());
      }
    } catch (RuntimeException e) {
      new GroupPort(sockets).stopListening();
      throw e;
    }
    return new GroupPort(sockets);
  }

  /** Makes the listening socket of one reactor. */
  private interface Binding {
    ListeningSocket bind(NioReactor reactor, int port, boolean reusePort);
  }

  /** One reactor's TCP socket as an endpoint, for a TLS endpoint to listen on. */
  private static final class SocketEndpoint implements StreamServerEndpoint {
    private final NioReactor reactor;
    private final int port;
    private final int backlog;
    private final String interfaceAddress;
    private final boolean reusePort;
    private @Nullable ListeningSocket socket;

    SocketEndpoint(NioReactor reactor, int port, int backlog, String interfaceAddress, boolean reusePort) {
      this.reactor = reactor;
      this.port = port;
      this.backlog = backlog;
      this.interfaceAddress = interfaceAddress;
      this.reusePort = reusePort;
    }

    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
      ListeningSocket made = ListeningSocket.tcp(reactor, port, factory, backlog, interfaceAddress, reusePort);
      socket = made;
      return Deferred.succeed(made);
    }

    ListeningSocket listening() {
      ListeningSocket made = socket;
      if (made == null) {
        throw new IllegalStateException("the TLS endpoint did not listen on " + port);
      }
      return made;
    }
  }

  @Override
  public Connector connectTcp(
      String host, int port, ClientFactory factory, Duration timeout, @Nullable Address bindAddress) {
    NioReactor reactor = next();
    return onReactor(reactor, () -> reactor.connectTcp(host, port, factory, timeout, bindAddress));
  }

  private static int portOf(Address address) {
    return switch (address) {
      case IPv4Address inet -> inet.port();
      case IPv6Address inet -> inet.port();
      default -> throw new IllegalStateException("not an IP address: " + address);
    };
  }

  private static boolean reusePortSupported() {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Runs {@code work} on {@code reactor}'s thread if it runs, else here, and returns its value. */
  private static <T> T onReactor(NioReactor reactor, java.util.function.Supplier<T> work) {
    if (!reactor.running() || reactor.inReactorThread()) {
      return work.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    reactor.callFromThread(() -> {
      try {
        result.complete(work.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new IllegalStateException("reactor call failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the reactor", e);
    }
  }

  /** The sockets of one listening address, one per reactor. */
  private static final class GroupPort implements ListeningPort {
    private final List<ListeningSocket> sockets;

    GroupPort(List<ListeningSocket> sockets) {
      this.sockets = List.copyOf(sockets);
    }

    @Override
    public Address address() {
      return sockets.get(0).address();
    }

    /**
     * Stops every socket on its own reactor's thread, waiting for each; the returned Deferred has
     * fired when this returns. Call it from outside the group's reactors, or before they run.
     */
    @Override
    public Deferred<@Nullable Void> stopListening() {
      for (ListeningSocket socket : sockets) {
        onReactor(socket.reactor(), socket::stopListening);
      }
      return Deferred.succeed(null);
    }

    @Override
    public String toString() {
      return "ListeningPort[" + address() + " on " + sockets.size() + " reactors]";
    }
  }

  @Override
  public String toString() {
    return "NioReactorGroup[" + reactors.size() + " reactors]";
  }
}
