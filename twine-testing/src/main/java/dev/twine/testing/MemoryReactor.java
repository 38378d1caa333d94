// Over 500 lines: it fakes every capability of the Reactor interface (core, time, threads, TCP,
// UNIX, UDP) in one object, as tests need; connections and ports live in their own files.
package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Reactor;
import dev.twine.internet.UnixAddress;
import dev.twine.internet.tls.ReactorTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Reactor} without sockets or threads, for tests (Twisted's {@code MemoryReactorClock}):
 * it records what code asks of it and lets the test play the network, the clock and the other
 * threads.
 *
 * <ul>
 *   <li>Time is a {@link Clock} ({@link #clock()}): {@link #advance} moves it.
 *   <li>{@link #callFromThread} queues, from any thread; the calls run, on the test's thread, in
 *       {@link #runPendingCalls} and in {@link #advance}.
 *   <li>{@link #callInThread} queues too; the work runs, on the test's thread, only in
 *       {@link #runThreadWork}, during which {@link #inReactorThread} is false. So
 *       {@code Threads.deferToThread} fires after {@code runThreadWork()} then
 *       {@code runPendingCalls()}.
 *   <li>{@code listenTcp} and {@code listenUnix} record the call ({@link #tcpServers},
 *       {@link #unixServers}) and return a {@link MemoryPort}, which can {@link MemoryPort#accept}
 *       connections over any transport the test supplies.
 *   <li>{@code connectTcp} and {@code connectUnix} record the call ({@link #tcpClients},
 *       {@link #unixClients}) and return a {@link MemoryConnector}, which the test
 *       {@linkplain MemoryConnector#complete completes} or {@linkplain MemoryConnector#fail fails};
 *       left alone, it times out on the clock.
 *   <li>{@link #run} fires the startup event and returns at once; {@link #stop} queues the
 *       shutdown, which runs with the pending calls: "before" triggers (whose Deferreds it waits
 *       for), "during" triggers, then it stops its ports and connectors, then "after" triggers.
 * </ul>
 *
 * <p>Factories are started before their first port or connection attempt and stopped after their
 * last, as a real reactor does. {@code listenTls} and {@code connectTls} ({@link ReactorTls}) work
 * through {@code listenTcp} and {@code connectTcp}, so TLS runs over loopback connections too, its
 * handshake timeouts on the clock; with no flush phase here, each write is encrypted at once.
 *
 * <pre>{@code
 * MemoryReactor reactor = new MemoryReactor();
 * new Client(reactor).connect("example.com", 80);          // code under test calls connectTcp
 * MemoryConnector connector = reactor.tcpClients().get(0).connector();
 * Protocol protocol = connector.complete(transport).orElseThrow();
 * reactor.advance(Duration.ofSeconds(30));                 // its timers run
 * }</pre>
 *
 * <p>{@link Loopback#connect(MemoryPort, MemoryConnector)} connects a connector to a port of the
 * same reactor, for code that both listens and connects:
 *
 * <pre>{@code
 * Pump pump = Loopback.connect(reactor.tcpServers().get(0).listeningPort(), connector);
 * pump.flush();
 * }</pre>
 *
 * <p>Threading: the test's thread (the one that created it) plays the reactor thread. Only
 * {@link #callFromThread}, {@link #callInThread}, {@link #stop} and {@link #inReactorThread} may be
 * called from other threads. Exceptions thrown by calls, work and triggers propagate to the test.
 */
public final class MemoryReactor implements Reactor, ReactorTls {
  private static final int FIRST_EPHEMERAL_PORT = 49152;

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final Clock clock;
  private final EventTriggers triggers = new EventTriggers();
  private final Queue<Runnable> threadCalls = new ConcurrentLinkedQueue<>();
  private final Queue<Runnable> threadWork = new ConcurrentLinkedQueue<>();
  private final Thread owner = Thread.currentThread();
  private final Map<Factory, Integer> factoryUsers = new IdentityHashMap<>();
  private final List<TcpServer> tcpServers = new ArrayList<>();
  private final List<TcpClient> tcpClients = new ArrayList<>();
  private final List<UnixServer> unixServers = new ArrayList<>();
  private final List<UnixClient> unixClients = new ArrayList<>();
  private final List<UdpServer> udpServers = new ArrayList<>();
  private final List<MemoryPort> ports = new ArrayList<>();
  private final List<MemoryConnector> connectors = new ArrayList<>();
  private volatile State state = State.NEW;
  private boolean inThreadWork;
  private int nextEphemeralPort = FIRST_EPHEMERAL_PORT;

  /**
   * Creates a reactor that has not run yet, with a new clock at time 0, owned by the calling
   * thread.
   */
  public MemoryReactor() {
    this(new Clock());
  }

  /**
   * Creates a reactor that has not run yet and takes its time from {@code clock}, so that code
   * given the clock and code given the reactor share one time; owned by the calling thread.
   */
  public MemoryReactor(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A recorded call of {@code listenTcp}.
   *
   * @param port the port asked for (0 for any)
   * @param listeningPort what the call returned; its address has the port it was given
   */
  public record TcpServer(
      int port, Factory factory, int backlog, String interfaceAddress, MemoryPort listeningPort) {}

  /**
   * A recorded call of {@code connectTcp}.
   *
   * @param connector what the call returned, for the test to complete or fail
   */
  public record TcpClient(String host, int port, ClientFactory factory, Duration timeout,
      Optional<Address> bindAddress, MemoryConnector connector) {}

  /** A recorded call of {@code listenUnix}. */
  public record UnixServer(
      Path path, Factory factory, int backlog, int mode, boolean lockfile, MemoryPort listeningPort) {}

  /** A recorded call of {@code connectUnix}. */
  public record UnixClient(Path path, ClientFactory factory, Duration timeout, MemoryConnector connector) {}

  /**
   * A recorded call of {@code listenUdp} or {@code listenMulticast}.
   *
   * @param transport what the call returned: a fake that records writes and lets the test
   *     deliver datagrams
   */
  public record UdpServer(int port, DatagramProtocol protocol, String interfaceAddress,
      int maxPacketSize, boolean multicast, boolean listenMultiple, FakeDatagramTransport transport) {}

  // --- What the test drives ---

  /** Returns the clock that gives this reactor its time. */
  public Clock clock() {
    return clock;
  }

  /**
   * Runs the calls queued with {@link #callFromThread}, moves the clock forward by {@code amount}
   * running the delayed calls due, then runs the calls queued meanwhile.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public void advance(Duration amount) {
    runPendingCalls();
    clock.advance(amount);
    runPendingCalls();
  }

  /**
   * Runs the calls queued with {@link #callFromThread}, in order, and those they queue, until none
   * is left; returns how many ran.
   */
  public int runPendingCalls() {
    int ran = 0;
    Runnable call;
    while ((call = threadCalls.poll()) != null) {
      call.run();
      ran++;
    }
    return ran;
  }

  /**
   * Runs the work queued with {@link #callInThread} on the calling thread, in order, and the work
   * it queues, until none is left; returns how many ran. While it runs, {@link #inReactorThread}
   * is false. The calls the work makes with {@link #callFromThread} stay queued.
   */
  public int runThreadWork() {
    int ran = 0;
    Runnable work;
    while ((work = threadWork.poll()) != null) {
      inThreadWork = true;
      try {
        work.run();
      } finally {
        inThreadWork = false;
      }
      ran++;
    }
    return ran;
  }

  /** Returns how many calls queued with {@link #callFromThread} have not run yet. */
  public int queuedCalls() {
    return threadCalls.size();
  }

  /** Returns how many pieces of work queued with {@link #callInThread} have not run yet. */
  public int queuedThreadWork() {
    return threadWork.size();
  }

  /** Returns the recorded {@code listenTcp} calls, oldest first. */
  public List<TcpServer> tcpServers() {
    return List.copyOf(tcpServers);
  }

  /** Returns the recorded {@code connectTcp} calls, oldest first. */
  public List<TcpClient> tcpClients() {
    return List.copyOf(tcpClients);
  }

  /** Returns the recorded {@code listenUdp} and {@code listenMulticast} calls, oldest first. */
  public List<UdpServer> udpServers() {
    return List.copyOf(udpServers);
  }

  /** Returns the recorded {@code listenUnix} calls, oldest first. */
  public List<UnixServer> unixServers() {
    return List.copyOf(unixServers);
  }

  /** Returns the recorded {@code connectUnix} calls, oldest first. */
  public List<UnixClient> unixClients() {
    return List.copyOf(unixClients);
  }

  /** Returns whether the reactor has run and completed its shutdown. */
  public boolean stopped() {
    return state == State.STOPPED;
  }

  // --- ReactorCore ---

  /**
   * Starts the reactor and returns at once: fires the startup event, whose "after" phase runs the
   * {@link #callWhenRunning} calls (once any Deferreds of "before" triggers have fired).
   *
   * @throws IllegalStateException if it has already run
   */
  @Override
  public void run() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("a reactor runs once; this one is " + name(state));
      }
      state = State.RUNNING;
    }
    triggers.fire(SystemEvent.STARTUP, () -> {}, () -> {});
  }

  /**
   * Stops at once accepting to be stopped again ({@link #running} turns false) and queues the
   * shutdown event, which runs with the pending calls. Thread-safe.
   *
   * @throws IllegalStateException if it is not running or already stopping
   */
  @Override
  public void stop() {
    synchronized (this) {
      if (state != State.RUNNING) {
        throw new IllegalStateException("cannot stop a reactor that is " + name(state));
      }
      state = State.STOPPING;
    }
    callFromThread(
        () -> triggers.fire(SystemEvent.SHUTDOWN, this::shutDown, () -> state = State.STOPPED));
  }

  @Override
  public boolean running() {
    return state == State.RUNNING;
  }

  @Override
  public void callWhenRunning(Runnable call) {
    Objects.requireNonNull(call, "call");
    if (state == State.RUNNING) {
      if (inReactorThread()) {
        call.run();
      } else {
        callFromThread(call);
      }
      return;
    }
    addSystemEventTrigger(Phase.AFTER, SystemEvent.STARTUP, () -> {
      call.run();
      return null;
    });
  }

  @Override
  public Object addSystemEventTrigger(
      Phase phase, SystemEvent event, Supplier<? extends @Nullable Deferred<?>> trigger) {
    return triggers.add(
        Objects.requireNonNull(phase, "phase"),
        Objects.requireNonNull(event, "event"),
        Objects.requireNonNull(trigger, "trigger"));
  }

  @Override
  public void removeSystemEventTrigger(Object handle) {
    triggers.remove(handle);
  }

  // --- ReactorTime ---

  @Override
  public double seconds() {
    return clock.seconds();
  }

  @Override
  public DelayedCall callLater(Duration delay, Runnable call) {
    return clock.callLater(delay, call);
  }

  // --- ReactorThreads ---

  /** Queues {@code call} until {@link #runPendingCalls} or {@link #advance}. Thread-safe. */
  @Override
  public void callFromThread(Runnable call) {
    threadCalls.add(Objects.requireNonNull(call, "call"));
  }

  /** Queues {@code call} until {@link #runThreadWork}. Thread-safe. */
  @Override
  public void callInThread(Runnable call) {
    threadWork.add(Objects.requireNonNull(call, "call"));
  }

  /**
   * Returns whether the calling thread is the one that created this reactor and is not running
   * {@link #runThreadWork}.
   */
  @Override
  public boolean inReactorThread() {
    return Thread.currentThread() == owner && !inThreadWork;
  }

  // --- TCP and UNIX ---

  /**
   * Records the call and returns a port that listens until stopped. Port 0 gets the next of
   * 49152, 49153, ...; {@code ""} stands for {@code 0.0.0.0} and an interface with a colon for an
   * IPv6 address.
   */
  @Override
  public MemoryPort listenTcp(int port, Factory factory, int backlog, String interfaceAddress) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    int actual = port == 0 ? nextEphemeralPort++ : port;
    Address address = interfaceAddress.contains(":")
        ? new IPv6Address(AddressType.TCP, interfaceAddress, actual)
        : new IPv4Address(
            AddressType.TCP, interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress, actual);
    MemoryPort listening = listen(factory, address);
    tcpServers.add(new TcpServer(port, factory, backlog, interfaceAddress, listening));
    return listening;
  }

  /** Listens on {@code port} of every IPv4 interface with the default backlog. */
  @Override
  public MemoryPort listenTcp(int port, Factory factory) {
    return listenTcp(port, factory, DEFAULT_BACKLOG, "");
  }

  /** Records the call and returns a connector that is connecting until the test decides. */
  @Override
  public MemoryConnector connectTcp(
      String host, int port, ClientFactory factory, Duration timeout, @Nullable Address bindAddress) {
    Objects.requireNonNull(host, "host");
    Address destination = host.contains(":")
        ? new IPv6Address(AddressType.TCP, host, port)
        : new IPv4Address(AddressType.TCP, host, port);
    MemoryConnector connector = connector(factory, destination, timeout);
    tcpClients.add(new TcpClient(
        host, port, factory, timeout, Optional.ofNullable(bindAddress), connector));
    connector.connect();
    return connector;
  }

  /** Connects with the default timeout from any local address. */
  @Override
  public MemoryConnector connectTcp(String host, int port, ClientFactory factory) {
    return connectTcp(host, port, factory, DEFAULT_CONNECT_TIMEOUT, null);
  }

  /** Records the call and returns a port that listens until stopped; no file is created. */
  @Override
  public MemoryPort listenUnix(Path path, Factory factory, int backlog, int mode, boolean lockfile) {
    Objects.requireNonNull(path, "path");
    MemoryPort listening = listen(factory, new UnixAddress(path.toString()));
    unixServers.add(new UnixServer(path, factory, backlog, mode, lockfile, listening));
    return listening;
  }

  /** Records the call and returns a connector that is connecting until the test decides. */
  @Override
  public MemoryConnector connectUnix(Path path, ClientFactory factory, Duration timeout) {
    Objects.requireNonNull(path, "path");
    MemoryConnector connector = connector(factory, new UnixAddress(path.toString()), timeout);
    unixClients.add(new UnixClient(path, factory, timeout, connector));
    connector.connect();
    return connector;
  }

  // --- UDP ---

  /**
   * Records the call and returns a {@link FakeDatagramTransport} bound to the interface (an IP
   * literal, {@code ""} for {@code 0.0.0.0}) and the port (0 gets the next ephemeral one).
   */
  @Override
  public FakeDatagramTransport listenUdp(
      int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize) {
    return listenDatagrams(port, protocol, interfaceAddress, maxPacketSize, false, false);
  }

  /** Records the call as {@link #listenUdp} does, marked as multicast. */
  @Override
  public FakeDatagramTransport listenMulticast(int port, DatagramProtocol protocol,
      String interfaceAddress, int maxPacketSize, boolean listenMultiple) {
    return listenDatagrams(port, protocol, interfaceAddress, maxPacketSize, true, listenMultiple);
  }

  private FakeDatagramTransport listenDatagrams(int port, DatagramProtocol protocol,
      String interfaceAddress, int maxPacketSize, boolean multicast, boolean listenMultiple) {
    Objects.requireNonNull(protocol, "protocol");
    if (port < 0 || port > 65535 || maxPacketSize < 1 || maxPacketSize > 65535) {
      throw new IllegalArgumentException(
          "port must be 0 to 65535 and maxPacketSize 1 to 65535: " + port + ", " + maxPacketSize);
    }
    int actual = port == 0 ? nextEphemeralPort++ : port;
    Address host = interfaceAddress.contains(":")
        ? new IPv6Address(AddressType.UDP, interfaceAddress, actual)
        : new IPv4Address(AddressType.UDP, interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress, actual);
    FakeDatagramTransport transport = FakeDatagramTransport.attach(protocol, host, maxPacketSize);
    udpServers.add(new UdpServer(
        port, protocol, interfaceAddress, maxPacketSize, multicast, listenMultiple, transport));
    return transport;
  }

  @Override
  public String toString() {
    return "MemoryReactor[" + name(state) + " at " + clock.seconds() + "s]";
  }

  // --- For ports and connectors ---

  /** Starts {@code factory} if this is its first port or attempt. */
  void startUsing(Factory factory) {
    if (factoryUsers.merge(factory, 1, Integer::sum) == 1) {
      factory.startFactory();
    }
  }

  /** Stops {@code factory} if that was its last port or attempt. */
  void stopUsing(Factory factory) {
    int users = factoryUsers.getOrDefault(factory, 0);
    if (users == 1) {
      factoryUsers.remove(factory);
      factory.stopFactory();
    } else if (users > 1) {
      factoryUsers.put(factory, users - 1);
    }
  }

  private MemoryPort listen(Factory factory, Address address) {
    Objects.requireNonNull(factory, "factory");
    MemoryPort listening = new MemoryPort(this, factory, address);
    startUsing(factory);
    ports.add(listening);
    return listening;
  }

  private MemoryConnector connector(ClientFactory factory, Address destination, Duration timeout) {
    Objects.requireNonNull(factory, "factory");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    MemoryConnector connector = new MemoryConnector(this, factory, destination, timeout);
    connectors.add(connector);
    return connector;
  }

  /** The reactor's part of the shutdown: stop listening, stop connecting, close connections. */
  private void shutDown() {
    for (MemoryPort port : List.copyOf(ports)) {
      port.stopListening();
    }
    for (MemoryConnector connector : List.copyOf(connectors)) {
      connector.disconnect();
    }
    for (UdpServer server : List.copyOf(udpServers)) {
      if (!server.transport().closed()) {
        server.transport().loseConnection();
      }
    }
  }

  private static String name(State state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }
}
