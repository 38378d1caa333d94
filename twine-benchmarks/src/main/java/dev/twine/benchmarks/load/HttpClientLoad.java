package dev.twine.benchmarks.load;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Measures an HTTP client library: requests per second and latency of GETs it sends to one
 * server over a warm pool of keep-alive connections, with a fixed number of requests in flight.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.HttpClientLoad --host 127.0.0.1 --port 8080 \
 *     --path /plaintext --client twine --concurrency 64 --duration 10 --warmup 5
 * {"client": "twine", "value": 123456.7, "unit": "req/s", "p50_us": 480, "p99_us": 950, ...}
 * }</pre>
 *
 * <p>Clients: {@code twine} ({@code dev.twine.web.client.Agent} on one reactor thread), {@code
 * netty} (HttpClientCodec and HttpObjectAggregator on one event loop, a connection per request in
 * flight) and {@code vertx} ({@code HttpClient} with a pool of that many connections, one event
 * loop). Every response must be 200; for {@code /plaintext} and {@code /json} the body must be
 * TechEmpower's. The run takes {@code --warmup} then {@code --duration} seconds; the last line on
 * stdout is one flat JSON object. Exit code 1, with one line on stderr, when the server
 * misbehaves or nothing completes for 30 seconds; 2 for bad arguments.
 */
public final class HttpClientLoad {
  private static final Set<String> OPTIONS =
      Set.of("--host", "--port", "--path", "--client", "--concurrency", "--duration", "--warmup");
  private static final long STALL_NANOS = 30_000_000_000L;
  private static final long POLL_MILLIS = 100;

  private HttpClientLoad() {}

  /** Runs the load described by {@code args} and exits with its code. */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the load described by {@code args}, printing as {@link #main} does; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("HttpClientLoad: " + e.getMessage());
      return 2;
    }
    LoadStats stats = new LoadStats(expectedBody(settings.target().path()));
    LoadStats.Result result;
    try (LoadClient client = LoadClient.named(settings.client(), settings.target(), stats)) {
      client.start(settings.concurrency());
      Optional<String> failure = await(stats, settings.warmupSeconds());
      if (failure.isEmpty()) {
        stats.startMeasuring();
        failure = await(stats, settings.durationSeconds());
      }
      result = stats.stopMeasuring();
      stats.stopRunning();
      if (failure.isPresent()) {
        err.println("HttpClientLoad: " + failure.get());
        return 1;
      }
    }
    out.printf(Locale.ROOT, "{\"client\": \"%s\", \"value\": %.1f, \"unit\": \"req/s\","
        + " \"p50_us\": %d, \"p99_us\": %d, \"requests\": %d, \"concurrency\": %d}%n",
        settings.client(), result.perSecond(), result.p50Micros(), result.p99Micros(),
        result.requests(), settings.concurrency());
    return 0;
  }

  /** Returns the body TechEmpower's rules give {@code path}, or null for other paths. */
  private static @Nullable String expectedBody(String path) {
    return switch (path) {
      case "/plaintext" -> "Hello, World!";
      case "/json" -> "{\"message\":\"Hello, World!\"}";
      default -> null;
    };
  }

  /**
   * Waits {@code seconds} while the load runs; returns the failure that ended it early, or the
   * stall if no response completed for 30 seconds.
   */
  private static Optional<String> await(LoadStats stats, double seconds) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long lastCount = stats.completed();
    long lastProgress = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, (end - System.nanoTime()) / 1_000_000)));
      Optional<String> failure = stats.failure();
      if (failure.isPresent()) {
        return failure;
      }
      long count = stats.completed();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
        return Optional.of("no response completed for 30 s");
      }
    }
    return stats.failure();
  }

  /** The command line, parsed. */
  record Settings(String client, LoadClient.Target target, int concurrency, double durationSeconds,
      double warmupSeconds) {

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException if one is unknown, lacks its value or is not valid
     */
    static Settings parse(String[] args) {
      Map<String, String> given = new HashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
          throw new IllegalArgumentException("unknown option or missing value: " + args[i]
              + "; options: --host H --port P --path /P --client twine|netty|vertx"
              + " --concurrency N --duration S --warmup S");
        }
        given.put(args[i], args[i + 1]);
      }
      String client = given.getOrDefault("--client", "twine");
      if (!Set.of("twine", "netty", "vertx").contains(client)) {
        throw new IllegalArgumentException("--client must be twine, netty or vertx, not " + client);
      }
      String path = given.getOrDefault("--path", "/plaintext");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("--path must start with /: " + path);
      }
      return new Settings(client,
          new LoadClient.Target(given.getOrDefault("--host", "127.0.0.1"),
              (int) number(given, "--port", "8080", 1, 65535), path),
          (int) number(given, "--concurrency", "64", 1, 100_000),
          number(given, "--duration", "10", 0.001, 3600),
          number(given, "--warmup", "5", 0, 3600));
    }

    private static double number(Map<String, String> given, String name, String byDefault,
        double min, double max) {
      String text = given.getOrDefault(name, byDefault);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number: " + text);
      }
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ": " + text);
      }
      return value;
    }
  }
}
