package dev.twine.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
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
  private static final int MAX_MICROS = 1_000_000;
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

  /** What a run measured. */
  record Result(long operations, long bytes, double seconds, long p50Micros, long p99Micros) {
    double perSecond() {
      return operations / seconds;
    }

    double megabytesPerSecond() {
      return bytes / seconds / 1e6;
    }
  }

  private final int[] histogram = new int[MAX_MICROS + 1];
  private volatile boolean running = true;
  private volatile long measureStart = Long.MAX_VALUE;
  private volatile long measureEnd = Long.MAX_VALUE;
  private long operations;
  private long bytes;
  private @Nullable String failure;

  private TlsLoad() {}

  /**
   * Parses {@code --name value} pairs, accepting the common {@code --host --port --duration
   * --warmup} and {@code extra}; {@code --port} is required.
   *
   * @throws IllegalArgumentException if an option is unknown, lacks a value, or is missing
   */
  static Map<String, String> options(String[] args, Set<String> extra) {
    Map<String, String> options = new HashMap<>(Map.of("--host", "127.0.0.1", "--duration", "10", "--warmup", "5"));
    for (int i = 0; i < args.length; i += 2) {
      if (!(Set.of("--host", "--port", "--duration", "--warmup").contains(args[i]) || extra.contains(args[i]))) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      options.put(args[i], args[i + 1]);
    }
    if (!options.containsKey("--port")) {
      throw new IllegalArgumentException("--port is required");
    }
    return options;
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
   * Runs {@code clients} clients against {@code options}' host and port for the warmup and then
   * the measured duration.
   *
   * @throws IOException with the first client's failure, or if the clients stall
   */
  static Result run(Map<String, String> options, int clients, Client client) throws IOException, InterruptedException {
    if (clients < 1) {
      throw new IllegalArgumentException("at least one client is needed: " + clients);
    }
    InetSocketAddress peer = new InetSocketAddress(options.get("--host"), Integer.parseInt(options.get("--port")));
    long warmupNanos = seconds(options.get("--warmup"));
    long durationNanos = seconds(options.get("--duration"));
    TlsLoad load = new TlsLoad();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      threads.add(Thread.ofVirtual().name("tls-load-" + i).start(() -> load.drive(client.open(peer))));
    }
    long start = System.nanoTime();
    load.measureStart = start + warmupNanos;
    load.measureEnd = load.measureStart + durationNanos;
    load.waitUntil(load.measureEnd);
    load.running = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !thread.join(java.time.Duration.ofNanos(left))) {
        throw new IOException("the clients did not stop within " + STALL_MILLIS / 1000 + " s: the server stalls");
      }
    }
    return load.result(durationNanos);
  }

  /** Prints {@code fields} as one flat JSON object on one line. */
  static void printJson(PrintStream out, Map<String, Object> fields) {
    StringJoiner json = new StringJoiner(", ", "{", "}");
    fields.forEach((name, value) -> json.add("\"" + name + "\": " + (value instanceof String text ? "\"" + text + "\""
        : value instanceof Double number ? String.format(Locale.ROOT, "%.1f", number) : value)));
    out.println(json);
  }

  private static long seconds(String text) {
    double value = Double.parseDouble(text);
    if (value < 0) {
      throw new IllegalArgumentException("a time in seconds cannot be negative: " + text);
    }
    return (long) (value * 1e9);
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
    operations++;
    bytes += echoed;
    histogram[(int) Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), MAX_MICROS)]++;
  }

  private synchronized void failed(Exception e) {
    if (running && failure == null) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    running = false;
  }

  private synchronized Result result(long durationNanos) throws IOException {
    if (failure != null) {
      throw new IOException(failure);
    }
    if (operations == 0) {
      throw new IOException("nothing completed within the measured " + durationNanos / 1e9 + " s");
    }
    return new Result(operations, bytes, durationNanos / 1e9, percentile(0.50), percentile(0.99));
  }

  private long percentile(double fraction) {
    long rank = (long) Math.ceil(operations * fraction);
    long seen = 0;
    for (int micros = 0; micros <= MAX_MICROS; micros++) {
      seen += histogram[micros];
      if (seen >= rank) {
        return micros;
      }
    }
    return MAX_MICROS;
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
