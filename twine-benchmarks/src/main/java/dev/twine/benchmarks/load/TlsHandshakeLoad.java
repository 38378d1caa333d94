package dev.twine.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

  /** Runs the load described by {@code args} and exits with its code. */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the load described by {@code args}, printing as {@link #main} does; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Map<String, String> options;
    int concurrency;
    try {
      options = TlsLoad.options(args, Set.of("--concurrency"));
      concurrency = Integer.parseInt(options.getOrDefault("--concurrency", "16"));
    } catch (IllegalArgumentException e) {
      err.println("TlsHandshakeLoad: " + e.getMessage());
      return 2;
    }
    TlsLoad.Result result;
    try {
      result = TlsLoad.run(options, concurrency, peer -> () -> handshake(peer));
    } catch (IOException e) {
      err.println("TlsHandshakeLoad: " + e.getMessage());
      return 1;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("value", result.perSecond());
    fields.put("unit", "handshakes/s");
    fields.put("p50_us", result.p50Micros());
    fields.put("p99_us", result.p99Micros());
    fields.put("handshakes", result.operations());
    fields.put("concurrency", concurrency);
    TlsLoad.printJson(out, fields);
    return 0;
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
