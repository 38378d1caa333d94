package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures a TCP echo server: {@code --connections C} connections (default 16) each keep
 * {@code --window W} messages of {@code --size} bytes in flight (default 8 for messages up to
 * 1 KiB, 2 above), sending the next as soon as one has come back whole. Every echoed byte is
 * checked against what was sent.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.TcpEchoLoad --host 127.0.0.1 --port 9000 \
 *     --duration 10 --warmup 3 --size 64 --connections 16 --window 8
 * }</pre>
 *
 * <p>It prints {@code value} (bytes echoed back per second, in MB/s of 10^6 bytes, counted once),
 * {@code unit}, {@code messages_per_s}, {@code p50_us} and {@code p99_us} (round trip of one
 * message, from its write to the arrival of its last byte), {@code size}, {@code connections},
 * {@code window} and {@code client} (the Netty transport of the load). A connection the server
 * closes, or a wrong byte, ends the run with exit code 1.
 */
public final class TcpEchoLoad {
  private TcpEchoLoad() {}

  /** Runs the load as the command line says and prints its result; exits with 0, 1 or 2. */
  public static void main(String[] argv) {
    System.exit(Args.status("TcpEchoLoad", () -> System.out.println(measure(Args.parse(argv,
        "host", "port", "duration", "warmup", "size", "connections", "window")).toJson()), System.err));
  }

  /**
   * Runs the load and returns what it measured.
   *
   * @throws Args.Invalid for a bad option
   * @throws LoadFailure if the server misbehaved or stalled
   */
  public static Result measure(Args args) throws Exception {
    String host = args.string("host", "127.0.0.1");
    int port = args.integer("port", 9000);
    int size = args.integer("size", 64);
    int connections = args.integer("connections", 16);
    int window = args.integer("window", size <= 1024 ? 8 : 2);
    if (size < 1 || size > Pattern.MAX_LENGTH || connections < 1 || window < 1) {
      throw new Args.Invalid("need 1 <= size <= " + Pattern.MAX_LENGTH
          + ", connections >= 1, window >= 1; got " + size + ", " + connections + ", " + window);
    }
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup loop = transport.eventLoops(1);
    LoadRun run = new LoadRun();
    Latencies latencies = new Latencies();
    List<Echoes> handlers = new ArrayList<>();
    try {
      Bootstrap bootstrap = Clients.bootstrap(loop, transport);
      for (int i = 0; i < connections; i++) {
        Echoes echoes = new Echoes(run, latencies, size, window);
        handlers.add(echoes);
        Clients.connect(bootstrap.clone().handler(echoes), host, port);
      }
      long nanos = run.measure(args.number("warmup", 1), args.number("duration", 3));
      long bytes = loop.submit(() -> handlers.stream().mapToLong(h -> h.measuredBytes).sum())
          .get(10, TimeUnit.SECONDS);
      if (bytes == 0) {
        throw new LoadFailure("no message came back whole during the measured interval");
      }
      double seconds = nanos / 1e9;
      return new Result()
          .with("value", bytes / 1e6 / seconds)
          .with("unit", "MB/s")
          .with("messages_per_s", latencies.count() / seconds)
          .with("p50_us", latencies.percentile(0.50))
          .with("p99_us", latencies.percentile(0.99))
          .with("size", size)
          .with("connections", connections)
          .with("window", window)
          .with("client", transport.toString());
    } finally {
      Clients.shutDown(loop);
    }
  }

  /** One connection: keeps {@code window} messages in flight and checks what comes back. */
  private static final class Echoes extends ChannelInboundHandlerAdapter {
    private final LoadRun run;
    private final Latencies latencies;
    private final int size;
    private final long[] sentAt;
    private long sent;
    private long completed;
    private long received;
    long measuredBytes;

    Echoes(LoadRun run, Latencies latencies, int size, int window) {
      this.run = run;
      this.latencies = latencies;
      this.size = size;
      this.sentAt = new long[window];
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
      send(context, sentAt.length, System.nanoTime());
      context.flush();
    }

    /**
     * Sends the next {@code count} messages; they are consecutive bytes of the stream, so they go
     * in as few writes as {@link Pattern#MAX_LENGTH} allows, which keeps the load's own cost per
     * message low.
     */
    private void send(ChannelHandlerContext context, int count, long now) {
      for (int i = 0; i < count; i++) {
        sentAt[(int) ((sent + i) % sentAt.length)] = now;
      }
      int perWrite = Math.max(1, Pattern.MAX_LENGTH / size);
      for (int done = 0; done < count; done += perWrite) {
        int messages = Math.min(perWrite, count - done);
        context.write(Pattern.slice((sent + done) * size, messages * size), context.voidPromise());
      }
      sent += count;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      ByteBuf buf = (ByteBuf) message;
      try {
        int length = buf.readableBytes();
        if (!Pattern.matches(buf, buf.readerIndex(), length, received)) {
          fail(context, "wrong bytes echoed within stream bytes " + received + " to "
              + (received + length));
          return;
        }
        received += length;
        long now = System.nanoTime();
        boolean measuring = run.measuring();
        if (measuring) {
          measuredBytes += length;
        }
        int done = 0;
        while (received >= (completed + 1) * size) {
          if (measuring) {
            latencies.record(now - sentAt[(int) (completed % sentAt.length)]);
          }
          completed++;
          done++;
        }
        if (done > 0) {
          run.progressed();
          if (!run.stopping()) {
            send(context, done, now);
            context.flush();
          }
        }
      } finally {
        buf.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      run.fail("the server closed a connection after echoing " + received + " bytes");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      fail(context, "connection failed: " + cause);
    }

    private void fail(ChannelHandlerContext context, String message) {
      run.fail(message);
      context.close();
    }
  }
}
