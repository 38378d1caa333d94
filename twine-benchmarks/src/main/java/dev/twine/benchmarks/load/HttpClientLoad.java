package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import java.io.PrintStream;
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
  private static final Set<String> CLIENTS = Set.of("twine", "netty", "vertx");
  private static final long STALL_NANOS = 30_000_000_000L;
  private static final long POLL_MILLIS = 100;

  private HttpClientLoad() {}

  /** Runs the load described by {@code argv} and exits with its code. */
  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs the load described by {@code argv}, printing as {@link #main} does; returns the exit code. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    return Args.status("HttpClientLoad", () -> out.println(measure(Args.parse(argv,
        "host", "port", "path", "client", "concurrency", "duration", "warmup")).toJson()), err);
  }

  /**
   * Runs the load and returns what it measured, {@code client} first.
   *
   * @throws Args.Invalid for a bad option
   * @throws LoadFailure if the server misbehaved or nothing completed for 30 seconds
   */
  public static Result measure(Args args) throws Exception {
    String client = args.string("client", "twine");
    String path = args.string("path", "/plaintext");
    int port = args.integer("port", 8080);
    int concurrency = args.integer("concurrency", 64);
    double warmup = args.number("warmup", 5);
    double duration = args.number("duration", 10);
    if (!CLIENTS.contains(client)) {
      throw new Args.Invalid("--client must be twine, netty or vertx, not " + client);
    }
    if (!path.startsWith("/") || port < 1 || port > 65535 || concurrency < 1 || warmup < 0
        || duration <= 0) {
      throw new Args.Invalid("need a --path starting with /, --port 1 to 65535, --concurrency >= 1,"
          + " --warmup >= 0 and --duration > 0; got " + path + ", " + port + ", " + concurrency
          + ", " + warmup + ", " + duration);
    }
    LoadClient.Target target = new LoadClient.Target(args.string("host", "127.0.0.1"), port, path);
    LoadStats stats = new LoadStats(expectedBody(path));
    Result result;
    try (LoadClient load = LoadClient.named(client, target, stats)) {
      load.start(concurrency);
      Optional<String> failure = await(stats, warmup);
      if (failure.isEmpty()) {
        stats.startMeasuring();
        failure = await(stats, duration);
      }
      result = stats.stopMeasuring();
      stats.stopRunning();
      if (failure.isPresent()) {
        throw new LoadFailure(failure.get());
      }
    }
    return new Result().with("client", client).with("value", result.number("value"))
        .with("unit", "req/s").with("p50_us", result.number("p50_us"))
        .with("p99_us", result.number("p99_us")).with("requests", result.number("requests"))
        .with("concurrency", concurrency);
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
}
