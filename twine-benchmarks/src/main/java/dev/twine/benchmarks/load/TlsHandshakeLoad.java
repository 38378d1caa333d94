package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLSocket;

/**
 * Measures full TLS handshakes per second: each client connects, completes a handshake, has one
 * byte echoed and closes, over and over. Every connection gets a fresh client context, so no
 * session is ever resumed.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.TlsHandshakeLoad --host 127.0.0.1 --port 8443 \
 *     --duration 10 --warmup 5 --concurrency 16
 * {"value": 2345.6, "unit": "handshakes/s", "p50_us": 6100, "p99_us": 9800, ...}
 * }</pre>
 *
 * <p>The last line on stdout is one flat JSON object. Exit code 1, with one line on stderr, when
 * the server fails a handshake, echoes something else, or stalls for 30 s; 2 for bad arguments.
 */
public final class TlsHandshakeLoad {
  private TlsHandshakeLoad() {}

  /** Runs the load described by {@code argv} and exits with its code. */
  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs the load described by {@code argv}, printing as {@link #main} does; returns the exit code. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    return Args.status("TlsHandshakeLoad",
        () -> out.println(measure(TlsLoad.parse(argv, "concurrency")).toJson()), err);
  }

  /**
   * Runs the load and returns what it measured.
   *
   * @throws Args.Invalid for a bad option
   * @throws LoadFailure if the server failed a handshake, echoed something else or stalled
   */
  public static Result measure(Args args) throws InterruptedException {
    int concurrency = args.integer("concurrency", 16);
    Result measured = TlsLoad.run(args, concurrency, peer -> () -> handshake(peer));
    return new Result()
        .with("value", measured.number("operations") / measured.number("seconds"))
        .with("unit", "handshakes/s")
        .with("p50_us", measured.number("p50_us"))
        .with("p99_us", measured.number("p99_us"))
        .with("handshakes", measured.number("operations"))
        .with("concurrency", concurrency);
  }

  private static long handshake(InetSocketAddress peer) throws IOException {
    try (SSLSocket socket = TlsLoad.connect(TlsLoad.trustingEverything(), peer)) {
      socket.getOutputStream().write('x');
      int echoed = socket.getInputStream().read();
      if (echoed != 'x') {
        throw new IOException("the server echoed " + echoed + " instead of 'x'");
      }
      return 1;
    }
  }
}
