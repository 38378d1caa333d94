package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * What the TLS load generators share: their options, blocking JDK {@code SSLSocket} clients on
 * virtual threads that trust any certificate (they generate load, they check nothing), and a run
 * of {@code --warmup} then {@code --duration} seconds that counts the operations completed within
 * the measured window and their latencies.
 *
 * <p>Every socket operation times out after 30 s, and the run waits at most 30 s for its clients
 * to stop, so a stalled peer ends the run with a failure instead of a hang.
 */
final class TlsLoad {
  static final int STALL_MILLIS = 30_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One client's work, done over and over: returns the bytes it echoed. */
  @FunctionalInterface
  interface Operation extends AutoCloseable {
    long once() throws IOException;

    /** Releases what the client holds, such as its connection. */
    @Override
    default void close() throws IOException {}
  }

  /** Makes one client's operation; the client calls it over and over. */
  @FunctionalInterface
  interface Client {
    Operation open(InetSocketAddress peer);
  }

  private final Latencies latencies = new Latencies();
  private volatile boolean running = true;
  private volatile long measureStart = Long.MAX_VALUE;
  private volatile long measureEnd = Long.MAX_VALUE;
  private long bytes;
  private @Nullable String failure;

  private TlsLoad() {}

  /**
   * Parses {@code argv}, accepting the common {@code --host --port --duration --warmup} and
   * {@code extra}.
   *
   * @throws Args.Invalid if an option is unknown or lacks a value, or {@code --port} is missing
   */
  static Args parse(String[] argv, String... extra) {
    Args args = Args.parse(argv, Stream.concat(Stream.of("host", "port", "duration", "warmup"),
        Stream.of(extra)).toArray(String[]::new));
    if (args.integer("port", 0) == 0) {
      throw new Args.Invalid("--port is required");
    }
    return args;
  }

  /** Returns a context that trusts any server certificate and keeps no session worth resuming. */
  static SSLContext trustingEverything() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingEverything()}, RANDOM);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS client context: " + e.getMessage(), e);
    }
  }

  /** Opens a socket to {@code peer} with {@code context} and completes the handshake. */
  static SSLSocket connect(SSLContext context, InetSocketAddress peer) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(peer, STALL_MILLIS);
      socket.setSoTimeout(STALL_MILLIS);
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Runs {@code clients} clients against the host and port of {@code args} for the warmup and
   * then the measured duration, and returns {@code operations}, {@code bytes} (echoed),
   * {@code seconds} (measured), {@code p50_us} and {@code p99_us}.
   *
   * @throws Args.Invalid for a bad option
   * @throws LoadFailure with the first client's failure, if nothing completed, or if the clients
   *     stall
   */
  static Result run(Args args, int clients, Client client) throws InterruptedException {
    long warmupNanos = nanos(args.number("warmup", 5));
    long durationNanos = nanos(args.number("duration", 10));
    if (clients < 1 || durationNanos == 0) {
      throw new Args.Invalid("need at least one client and a duration > 0; got " + clients
          + " and " + durationNanos / 1e9);
    }
    InetSocketAddress peer = new InetSocketAddress(args.string("host", "127.0.0.1"),
        args.integer("port", 0));
    TlsLoad load = new TlsLoad();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      threads.add(Thread.ofVirtual().name("tls-load-" + i).start(() -> load.drive(client.open(peer))));
    }
    load.measureStart = System.nanoTime() + warmupNanos;
    load.measureEnd = load.measureStart + durationNanos;
    load.waitUntil(load.measureEnd);
    load.running = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !thread.join(java.time.Duration.ofNanos(left))) {
        throw new LoadFailure("the clients did not stop within " + STALL_MILLIS / 1000 + " s: the server stalls");
      }
    }
    return load.result(durationNanos);
  }

  private static long nanos(double seconds) {
    if (seconds < 0) {
      throw new Args.Invalid("a time in seconds cannot be negative: " + seconds);
    }
    return (long) (seconds * 1e9);
  }

  private void waitUntil(long nanoTime) throws InterruptedException {
    for (long left; (left = nanoTime - System.nanoTime()) > 0 && running; ) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
    }
  }

  private void drive(Operation operation) {
    try (operation) {
      while (running) {
        long begin = System.nanoTime();
        long echoed = operation.once();
        long end = System.nanoTime();
        if (begin >= measureStart && end <= measureEnd) {
          record(end - begin, echoed);
        }
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private synchronized void record(long nanos, long echoed) {
    bytes += echoed;
    latencies.record(nanos);
  }

  private synchronized void failed(Exception e) {
    if (running && failure == null) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    running = false;
  }

  private synchronized Result result(long durationNanos) {
    if (failure != null) {
      throw new LoadFailure(failure);
    }
    if (latencies.count() == 0) {
      throw new LoadFailure("nothing completed within the measured " + durationNanos / 1e9 + " s");
    }
    return new Result().with("operations", latencies.count()).with("bytes", bytes)
        .with("seconds", durationNanos / 1e9).with("p50_us", latencies.percentile(0.50))
        .with("p99_us", latencies.percentile(0.99));
  }

  /** Accepts every certificate: the load generators measure, they do not authenticate. */
  private static final class TrustingEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
