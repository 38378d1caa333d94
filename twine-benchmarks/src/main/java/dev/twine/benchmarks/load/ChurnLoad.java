package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection churn against an HTTP server: each of {@code --concurrency} threads opens a
 * connection, asks for {@code --path} with {@code Connection: close}, reads the response to its
 * end, closes, and starts again, until {@code --duration} seconds have passed or {@code --count}
 * connections have been made. Connections during the first {@code --warmup} seconds are not
 * counted in the rate.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.ChurnLoad --host 127.0.0.1 --port 8080 \
 *     --duration 30 --warmup 2 --concurrency 4 --count 20000
 * }</pre>
 *
 * <p>The last line on stdout is one JSON object: {@code value} (connections per second after the
 * warm-up), {@code unit}, {@code connections} (all made) and {@code errors}. The exit code is 0
 * when every response was {@code 200} and ended with the connection; else 1, with the first
 * error on stderr (2 for bad arguments). No connection or read waits longer than 30 seconds.
 */
public final class ChurnLoad {
  private static final int STALL_MILLIS = 30_000;

  private final String host;
  private final int port;
  private final byte[] request;
  private final long end;
  private final long warmEnd;
  private final long count;
  private final AtomicLong made = new AtomicLong();
  private final AtomicLong counted = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile String firstError = "";

  private ChurnLoad(String host, int port, String path, Duration duration, Duration warmup,
      long count) {
    this.host = host;
    this.port = port;
    this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    long now = System.nanoTime();
    this.warmEnd = now + warmup.toNanos();
    this.end = now + warmup.toNanos() + duration.toNanos();
    this.count = count;
  }

  /** Runs the load described by {@code argv}; exits 0, 1 if the server misbehaved, 2 for bad arguments. */
  public static void main(String[] argv) {
    System.exit(Args.status("ChurnLoad", () -> System.out.println(measure(Args.parse(argv,
        "host", "port", "path", "duration", "warmup", "concurrency", "count")).toJson()),
        System.err));
  }

  /**
   * Runs the churn and returns what it measured.
   *
   * @throws Args.Invalid for a bad option or a missing {@code --port}
   * @throws LoadFailure naming the first failed connection, if any failed
   */
  public static Result measure(Args args) throws InterruptedException {
    int port = args.integer("port", 0);
    int concurrency = args.integer("concurrency", 4);
    if (port < 1 || port > 65535 || concurrency < 1) {
      throw new Args.Invalid("need --port from 1 to 65535 and --concurrency >= 1; got " + port
          + " and " + concurrency);
    }
    String count = args.string("count", String.valueOf(Long.MAX_VALUE));
    ChurnLoad load = new ChurnLoad(args.string("host", "127.0.0.1"), port,
        args.string("path", "/plaintext"), seconds(args.number("duration", 10)),
        seconds(args.number("warmup", 1)), Long.parseLong(count));
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      threads.add(Thread.ofPlatform().name("churn-" + i).start(load::churn));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (load.errors.get() > 0) {
      throw new LoadFailure(load.errors.get() + " failed connections; first: " + load.firstError);
    }
    double seconds = Math.max(1e-9, (System.nanoTime() - Math.max(started, load.warmEnd)) / 1e9);
    return new Result().with("value", load.counted.get() / seconds).with("unit", "connections/s")
        .with("connections", load.made.get()).with("errors", load.errors.get());
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  private void churn() {
    while (System.nanoTime() < end && made.incrementAndGet() <= count) {
      try {
        once();
        if (System.nanoTime() > warmEnd) {
          counted.incrementAndGet();
        }
      } catch (IOException e) {
        if (errors.incrementAndGet() == 1) {
          firstError = e.toString();
        }
      }
    }
    made.updateAndGet(n -> Math.min(n, count));
  }

  /** Makes one connection, one request, and reads the response until the server closes. */
  private void once() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), STALL_MILLIS);
      socket.setSoTimeout(STALL_MILLIS);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int first = in.readNBytes(buffer, 0, 12);
      String status = new String(buffer, 0, first, StandardCharsets.US_ASCII);
      if (!status.startsWith("HTTP/1.1 200")) {
        throw new IOException("not a 200 response: '" + status + "'");
      }
      while (in.read(buffer) >= 0) {
        // read to the end: the server closes after a Connection: close response
      }
    }
  }
}
