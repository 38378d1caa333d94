package dev.twine.internet.nio;

import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Connector;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorFlush;
import dev.twine.internet.tls.ReactorTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The reactor on {@code java.nio}: one thread, one {@link Selector}, TCP, UDP and UNIX sockets,
 * TLS, timers and thread hand-off.
 *
 * <pre>{@code
 * NioReactor reactor = new NioReactor();
 * reactor.listenTcp(8000, Factory.forProtocol(Echo::new));
 * reactor.run();   // until reactor.stop()
 * }</pre>
 *
 * <p>Each turn of the loop selects with a timeout of the next timer, dispatches the ready keys
 * (bounded reads per connection, for fairness), flushes every connection written to during the
 * dispatch once with one write (small buffers copied together into one native buffer, larger ones
 * gathered), then runs due timers and the calls handed over with
 * {@link #callFromThread}. {@code OP_WRITE} is set only while the kernel pushes back. Calls
 * asked for with {@link #callBeforeFlush} run just before each flush: that is where the TLS layer
 * encrypts together what was written during the callback.
 *
 * <p>A call that holds the reactor longer than {@link Options#slowCallThreshold()} is reported
 * as a warning, with what it was.
 *
 * <p>Threading: everything except {@link #callFromThread}, {@link #callInThread},
 * {@link #stop} and {@link #inReactorThread} must run on the reactor's thread once it runs; before
 * {@link #run}, setting up (listening, connecting, scheduling) from the thread that will run it is
 * allowed.
 */
public final class NioReactor implements Reactor, ReactorFlush, ReactorTls {
  private static final System.Logger LOG = System.getLogger(NioReactor.class.getName());
  /** The most bytes a flush copies into one native buffer rather than writing them gathered. */
  private static final int COALESCE_SIZE = 32 * 1024;

  /**
   * The reactor's settings.
   *
   * @param slowCallThreshold a callback holding the reactor longer than this is reported
   * @param readBufferSize the size of the buffer each read fills, shared by all connections
   * @param readsPerTurn how many reads one connection may do in one turn before others get theirs
   * @param shutdownGrace how long shutdown lets connections flush before aborting them
   * @param threadPool where {@link #callInThread} runs blocking work: a new virtual thread per call
   *     by default, or a bounded pool such as {@code Executors.newFixedThreadPool(8)}
   * @param closeTimeout how long a connection asked to close ({@code loseConnection}) may go
   *     without sending a byte of what it still has queued before it is aborted: a peer that
   *     stops reading cannot hold a closing connection open for ever
   */
  public record Options(
      Duration slowCallThreshold, int readBufferSize, int readsPerTurn, Duration shutdownGrace,
      Executor threadPool, Duration closeTimeout) {
    /** The defaults: 100 ms, 64 KiB, 16 reads, 5 s, virtual threads, 30 s. */
    public static final Options DEFAULT = new Options(Duration.ofMillis(100), 64 * 1024, 16,
        Duration.ofSeconds(5), task -> Thread.ofVirtual().name("twine-blocking").start(task),
        Duration.ofSeconds(30));

    /** Creates settings with the default {@code closeTimeout} of 30 seconds. */
    public Options(Duration slowCallThreshold, int readBufferSize, int readsPerTurn,
        Duration shutdownGrace, Executor threadPool) {
      this(slowCallThreshold, readBufferSize, readsPerTurn, shutdownGrace, threadPool,
          Duration.ofSeconds(30));
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if {@code readBufferSize} is under 1024, {@code
     *     readsPerTurn} under 1, or {@code closeTimeout} not positive
     */
    public Options {
      Objects.requireNonNull(slowCallThreshold, "slowCallThreshold");
      Objects.requireNonNull(shutdownGrace, "shutdownGrace");
      Objects.requireNonNull(threadPool, "threadPool");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
      if (closeTimeout.isZero() || closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
      }
      if (readBufferSize < 1024) {
        throw new IllegalArgumentException("readBufferSize must be at least 1024: " + readBufferSize);
      }
      if (readsPerTurn < 1) {
        throw new IllegalArgumentException("readsPerTurn must be at least 1: " + readsPerTurn);
      }
    }

    /** Returns these options with another slow-call threshold. */
    public Options withSlowCallThreshold(Duration threshold) {
      return new Options(threshold, readBufferSize, readsPerTurn, shutdownGrace, threadPool,
          closeTimeout);
    }

    /** Returns these options with another shutdown grace period. */
    public Options withShutdownGrace(Duration grace) {
      return new Options(slowCallThreshold, readBufferSize, readsPerTurn, grace, threadPool,
          closeTimeout);
    }

    /** Returns these options with another executor for blocking work. */
    public Options withThreadPool(Executor pool) {
      return new Options(slowCallThreshold, readBufferSize, readsPerTurn, shutdownGrace, pool,
          closeTimeout);
    }

    /** Returns these options with another close timeout. */
    public Options withCloseTimeout(Duration timeout) {
      return new Options(slowCallThreshold, readBufferSize, readsPerTurn, shutdownGrace,
          threadPool, timeout);
    }
  }

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final Options options;
  private final Selector selector;
  private final TimerQueue timers = new TimerQueue(System::nanoTime);
  private final Triggers triggers = new Triggers();
  private final ConcurrentLinkedQueue<Runnable> threadCalls = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupNeeded = new AtomicBoolean();
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final ArrayList<StreamConnection> toFlush = new ArrayList<>();
  private final ArrayDeque<Runnable> beforeFlush = new ArrayDeque<>();
  private final Set<Selectable> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private final java.util.function.Consumer<SelectionKey> dispatcher = this::dispatch;
  /** Runs due timers; a field, so that a turn of the loop allocates nothing for it. */
  private final TimerQueue.CallRunner guardedCall = this::guarded;
  private final ByteBuffer readBuffer;
  /** A read-only view of {@link #readBuffer}, lent to protocols that read in place. */
  private final ByteBuffer readView;
  private final ByteBuffer[] gather = new ByteBuffer[64];
  /**
   * Where a flush copies a connection's small queued buffers to write them at once, and where a
   * UDP port copies a datagram to send it.
   */
  private final ByteBuffer coalesce = ByteBuffer.allocateDirect(COALESCE_SIZE);
  private final long slowNanos;
  private volatile State state = State.NEW;
  private volatile @Nullable Thread thread;
  private long shutdownDeadline;
  private @Nullable Runnable afterShutdown;

  /** Creates a reactor with the default options. */
  public NioReactor() {
    this(Options.DEFAULT);
  }

  /** Creates a reactor with {@code options}. */
  public NioReactor(Options options) {
    this.options = Objects.requireNonNull(options, "options");
    this.readBuffer = ByteBuffer.allocateDirect(options.readBufferSize());
    this.readView = readBuffer.asReadOnlyBuffer();
    this.slowNanos = options.slowCallThreshold().toNanos();
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /**
   * Runs a new reactor until the Deferred returned by {@code main} fires, then stops it and returns
   * the exit code: 0 if the Deferred succeeded, 1 if it failed (the failure is logged). This is
   * Twisted's {@code task.react}, the simplest entry point for a program.
   *
   * <pre>{@code
   * public static void main(String[] args) {
   *   System.exit(NioReactor.react(reactor -> fetchAndPrint(reactor, args[0])));
   * }
   * }</pre>
   */
  public static int react(Function<? super NioReactor, ? extends Deferred<?>> main) {
    NioReactor reactor = new NioReactor();
    int[] exitCode = {0};
    reactor.callWhenRunning(() -> Deferred.<Object>maybeDeferredWith(() -> main.apply(reactor).map(v -> v))
        .transform(outcome -> {
          if (outcome instanceof dev.twine.defer.Outcome.Failed<?> failed) {
            LOG.log(System.Logger.Level.ERROR, "main failed:\n" + failed.failure().traceback());
            exitCode[0] = 1;
          }
          if (reactor.running()) {
            reactor.stop();
          }
          return null;
        }));
    reactor.run();
    return exitCode[0];
  }

  // --- ReactorCore ---

  @Override
  public void run() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("a reactor runs once; this one is " + state.name().toLowerCase());
      }
      thread = Thread.currentThread();
      state = State.RUNNING;
    }
    try {
      triggers.fire(SystemEvent.STARTUP, after -> after.run());
      loop();
    } finally {
      closeSelector();
      state = State.STOPPED;
    }
  }

  @Override
  public void stop() {
    State current = state;
    if (current != State.RUNNING) {
      throw new IllegalStateException("cannot stop a reactor that is " + current.name().toLowerCase());
    }
    if (!stopRequested.compareAndSet(false, true)) {
      throw new IllegalStateException("the reactor is already stopping");
    }
    callFromThread(this::beginShutdown);
  }

  @Override
  public boolean running() {
    return state == State.RUNNING && !stopRequested.get();
  }

  @Override
  public void callWhenRunning(Runnable call) {
    Objects.requireNonNull(call, "call");
    if (state == State.RUNNING && inReactorThread()) {
      guarded(call);
    } else if (state == State.RUNNING) {
      callFromThread(call);
    } else {
      addSystemEventTrigger(Phase.AFTER, SystemEvent.STARTUP, () -> {
        call.run();
        return null;
      });
    }
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
    return System.nanoTime() / 1e9;
  }

  @Override
  public DelayedCall callLater(Duration delay, Runnable call) {
    return timers.schedule(delay, call);
  }

  // --- ReactorThreads ---

  @Override
  public void callFromThread(Runnable call) {
    threadCalls.add(Objects.requireNonNull(call, "call"));
    if (wakeupNeeded.getAndSet(false)) {
      selector.wakeup();
    }
  }

  @Override
  public void callInThread(Runnable call) {
    options.threadPool().execute(Objects.requireNonNull(call, "call"));
  }

  @Override
  public boolean inReactorThread() {
    return Thread.currentThread() == thread;
  }

  // --- ReactorFlush ---

  @Override
  public void callBeforeFlush(Runnable call) {
    beforeFlush.add(Objects.requireNonNull(call, "call"));
  }

  // --- TCP and UNIX ---

  @Override
  public ListeningPort listenTcp(int port, Factory factory, int backlog, String interfaceAddress) {
    return ListeningSocket.tcp(this, port, factory, backlog, interfaceAddress);
  }

  @Override
  public Connector connectTcp(
      String host, int port, ClientFactory factory, Duration timeout, @Nullable Address bindAddress) {
    return OutgoingConnector.tcp(this, host, port, factory, timeout, bindAddress);
  }

  @Override
  public ListeningPort listenUnix(Path path, Factory factory, int backlog, int mode, boolean lockfile) {
    return ListeningSocket.unix(this, path, factory, backlog, mode, lockfile);
  }

  @Override
  public Connector connectUnix(Path path, ClientFactory factory, Duration timeout) {
    return OutgoingConnector.unix(this, path, factory, timeout);
  }

  // --- UDP ---

  @Override
  public DatagramTransport listenUdp(
      int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize) {
    return UdpPort.listen(this, port, protocol, interfaceAddress, maxPacketSize, false);
  }

  @Override
  public DatagramTransport listenMulticast(int port, DatagramProtocol protocol,
      String interfaceAddress, int maxPacketSize, boolean listenMultiple) {
    return UdpPort.listen(this, port, protocol, interfaceAddress, maxPacketSize, listenMultiple);
  }

  @Override
  public String toString() {
    return "NioReactor[" + state.name().toLowerCase() + ", " + open.size() + " open]";
  }

  // --- For the transports of this package ---

  Options options() {
    return options;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  ByteBuffer readView() {
    return readView;
  }

  ByteBuffer[] gatherArray() {
    return gather;
  }

  ByteBuffer coalesceBuffer() {
    return coalesce;
  }

  SelectionKey register(SelectableChannel channel, int ops, Selectable handler) throws IOException {
    SelectionKey key = channel.register(selector, ops, handler);
    open.add(handler);
    return key;
  }

  void closed(Selectable handler) {
    open.remove(handler);
  }

  /** Asks for {@code connection} to be flushed after the current dispatch. */
  void scheduleFlush(StreamConnection connection) {
    toFlush.add(connection);
  }

  boolean shuttingDown() {
    return state == State.STOPPING;
  }

  /** Runs {@code call}, logging what it throws, and reports it if it held the reactor too long. */
  void guarded(Runnable call) {
    long start = System.nanoTime();
    try {
      call.run();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "unhandled exception in reactor call " + call, e);
    }
    reportIfSlow(start, call);
  }

  void reportIfSlow(long start, Object what) {
    long took = System.nanoTime() - start;
    if (took > slowNanos) {
      LOG.log(System.Logger.Level.WARNING, "{0} held the reactor for {1} ms",
          what, took / 1_000_000);
    }
  }

  // --- The loop ---

  private void loop() {
    while (true) {
      if (state == State.STOPPING && shutdownComplete()) {
        return;
      }
      select();
      flush();
      timers.runDue(System.nanoTime(), guardedCall);
      flush();
      runThreadCalls();
      flush();
    }
  }

  private void select() {
    long timeout = timers.nanosUntilNext(System.nanoTime());
    if (afterShutdown != null) {
      long untilDeadline = Math.max(0, shutdownDeadline - System.nanoTime());
      timeout = timeout < 0 ? untilDeadline : Math.min(timeout, untilDeadline);
    }
    try {
      wakeupNeeded.set(true);
      if (!threadCalls.isEmpty() || timeout == 0) {
        selector.selectNow(dispatcher);
      } else if (timeout < 0) {
        selector.select(dispatcher);
      } else {
        selector.select(dispatcher, Math.max(1, (timeout + 999_999) / 1_000_000));
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "select failed", e);
    } finally {
      wakeupNeeded.set(false);
    }
  }

  private void dispatch(SelectionKey key) {
    Selectable handler = (Selectable) key.attachment();
    long start = System.nanoTime();
    handler.ready(key);
    reportIfSlow(start, handler);
  }

  /**
   * Runs the calls asked for before the flush, then flushes every connection written to; again
   * while flushing (a producer resumed by a drained queue) asked for more calls.
   */
  private void flush() {
    do {
      Runnable call;
      while ((call = beforeFlush.poll()) != null) {
        guarded(call);
      }
      ArrayList<StreamConnection> pending = toFlush;
      for (int i = 0; i < pending.size(); i++) {
        pending.get(i).flushScheduled();
      }
      pending.clear();
    } while (!beforeFlush.isEmpty());
  }

  private void runThreadCalls() {
    Runnable call;
    int budget = threadCalls.size();
    while (budget-- > 0 && (call = threadCalls.poll()) != null) {
      guarded(call);
    }
  }

  // --- Shutdown ---

  private void beginShutdown() {
    if (state != State.RUNNING) {
      return;
    }
    state = State.STOPPING;
    triggers.fire(SystemEvent.SHUTDOWN, after -> {
      shutdownDeadline = System.nanoTime() + options.shutdownGrace().toNanos();
      for (Selectable handler : List.copyOf(open)) {
        switch (handler) {
          case ListeningSocket port -> port.stopListening();
          case StreamConnection connection -> connection.loseConnection();
          case OutgoingConnector connector -> connector.shutdownNow();
          default -> { }
        }
      }
      afterShutdown = after;
    });
  }

  /** Returns whether shutdown may end the loop now, aborting what is left past the deadline. */
  private boolean shutdownComplete() {
    Runnable after = afterShutdown;
    if (after == null) {
      return false;
    }
    if (!open.isEmpty() && System.nanoTime() < shutdownDeadline) {
      return false;
    }
    for (Selectable handler : List.copyOf(open)) {
      handler.shutdownNow();
    }
    flush();
    afterShutdown = null;
    guarded(after);
    return true;
  }

  private void closeSelector() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the selector failed", e);
    }
  }
}
