package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * Measures echoed megabytes per second over TLS: each of {@code --connections} clients keeps one
 * connection, writes a message of {@code --size} bytes, reads it back whole and checks it, over and
 * over. Handshakes happen once per connection, before the measured window when there is a warmup.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.TlsBulkLoad --host 127.0.0.1 --port 8443 \
 *     --duration 10 --warmup 5 --size 16384 --connections 8
 * {"value": 456.7, "unit": "MB/s", "p50_us": 210, "p99_us": 480, ...}
 * }</pre>
 *
 * <p>MB/s counts the bytes echoed back (10^6 bytes per MB). The last line on stdout is one flat
 * JSON object. Exit code 1, with one line on stderr, when the server echoes something else,
 * closes, or stalls for 30 s; 2 for bad arguments.
 */
public final class TlsBulkLoad {
  private TlsBulkLoad() {}

  /** Runs the load described by {@code argv} and exits with its code. */
  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs the load described by {@code argv}, printing as {@link #main} does; returns the exit code. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    return Args.status("TlsBulkLoad",
        () -> out.println(measure(TlsLoad.parse(argv, "size", "connections")).toJson()), err);
  }

  /**
   * Runs the load and returns what it measured.
   *
   * @throws Args.Invalid for a bad option
   * @throws LoadFailure if the server echoed something else, closed or stalled
   */
  public static Result measure(Args args) throws InterruptedException {
    int size = args.integer("size", 16384);
    int connections = args.integer("connections", 8);
    if (size < 1) {
      throw new Args.Invalid("--size must be at least 1: " + size);
    }
    Result measured = TlsLoad.run(args, connections, peer -> new Echoes(peer, size));
    return new Result()
        .with("value", measured.number("bytes") / measured.number("seconds") / 1e6)
        .with("unit", "MB/s")
        .with("p50_us", measured.number("p50_us"))
        .with("p99_us", measured.number("p99_us"))
        .with("echoes", measured.number("operations"))
        .with("size", size)
        .with("connections", connections);
  }

  /** One connection echoing one message at a time; connects on first use. */
  private static final class Echoes implements TlsLoad.Operation {
    private final InetSocketAddress peer;
    private final byte[] message;
    private final byte[] echoed;
    private @Nullable SSLSocket socket;

    Echoes(InetSocketAddress peer, int size) {
      this.peer = peer;
      this.message = new byte[size];
      this.echoed = new byte[size];
      new Random(size).nextBytes(message);
    }

    @Override
    public long once() throws IOException {
      SSLSocket connected = socket;
      if (connected == null) {
        connected = TlsLoad.connect(TlsLoad.trustingEverything(), peer);
        socket = connected;
      }
      OutputStream out = connected.getOutputStream();
      InputStream in = connected.getInputStream();
      out.write(message);
      int read = in.readNBytes(echoed, 0, echoed.length);
      if (read < echoed.length) {
        throw new IOException("the server closed after echoing " + read + " of " + echoed.length + " bytes");
      }
      if (!Arrays.equals(message, echoed)) {
        throw new IOException("the server echoed different bytes than it was sent");
      }
      return read;
    }

    @Override
    public void close() throws IOException {
      SSLSocket connected = socket;
      if (connected != null) {
        connected.close();
      }
    }
  }
}
