package dev.twine.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * error on stderr. No connection or read waits longer than 30 seconds.
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

  /** Runs the load described by {@code args} and exits 0, or 1 if the server misbehaved. */
  public static void main(String[] args) throws InterruptedException {
    Arguments parsed = Arguments.parse(args);
    ChurnLoad load = new ChurnLoad(parsed.host, parsed.port, parsed.path,
        Duration.ofSeconds(parsed.duration), Duration.ofSeconds(parsed.warmup), parsed.count);
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < parsed.concurrency; i++) {
      threads.add(Thread.ofPlatform().name("churn-" + i).start(load::churn));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = Math.max(1e-9,
        (System.nanoTime() - Math.max(started, load.warmEnd)) / 1e9);
    System.out.printf(Locale.ROOT,
        "{\"value\": %.1f, \"unit\": \"connections/s\", \"connections\": %d, \"errors\": %d}%n",
        load.counted.get() / seconds, load.made.get(), load.errors.get());
    if (load.errors.get() > 0) {
      System.err.println("ChurnLoad: " + load.errors.get() + " failed connections; first: "
          + load.firstError);
      System.exit(1);
    }
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

  /** The command line: {@code --name value} pairs. */
  private record Arguments(String host, int port, String path, long duration, long warmup,
      int concurrency, long count) {
    static Arguments parse(String[] args) {
      String host = "127.0.0.1";
      int port = -1;
      String path = "/plaintext";
      long duration = 10;
      long warmup = 1;
      int concurrency = 4;
      long count = Long.MAX_VALUE;
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--host" -> host = value;
          case "--port" -> port = Integer.parseInt(value);
          case "--path" -> path = value;
          case "--duration" -> duration = Long.parseLong(value);
          case "--warmup" -> warmup = Long.parseLong(value);
          case "--concurrency" -> concurrency = Integer.parseInt(value);
          case "--count" -> count = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option: " + args[i]);
        }
      }
      if (port < 1 || args.length % 2 != 0) {
        throw new IllegalArgumentException("usage: ChurnLoad --port P [--host H] [--path /p]"
            + " [--duration S] [--warmup S] [--concurrency N] [--count N]");
      }
      return new Arguments(host, port, path, duration, warmup, concurrency, count);
    }
  }
}
