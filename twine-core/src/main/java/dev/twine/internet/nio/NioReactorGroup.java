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
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * group.run();   // until group.stop()
 * }</pre>
 *
 * <p>Listening binds one socket per reactor to the same address with {@code SO_REUSEPORT}, so the
 * kernel spreads new connections over the reactors. Where the option is not supported, only the
 * first reactor listens. Outgoing connections go to the reactors in turn.
 *
 * <p>Threading: {@link #listenTcp} and {@link #connectTcp} are meant to be called before
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
    boolean reusePort = reusePortSupported();
    List<ListeningSocket> sockets = new ArrayList<>();
    int boundPort = port;
    for (NioReactor reactor : reusePort ? reactors : reactors.subList(0, 1)) {
      int thisPort = boundPort;
      ListeningSocket socket = onReactor(reactor,
          () -> ListeningSocket.tcp(reactor, thisPort, factory, backlog, interfaceAddress, reusePort));
      sockets.add(socket);
      boundPort = portOf(socket.address());
    }
    return new GroupPort(sockets);
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
