package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * Measures how fast a TCP echo server takes new connections: {@code --connectors C} (default 4)
 * loops each connect, send one byte, read it back, close, and start over.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.ConnectRateLoad --host 127.0.0.1 --port 9000 \
 *     --duration 10 --warmup 3 --connectors 4
 * }</pre>
 *
 * <p>It prints {@code value} (whole cycles per second), {@code unit} ({@code connections/s}),
 * {@code p50_us} and {@code p99_us} (one cycle, from connect to the echoed byte), {@code connectors}
 * and {@code client}. A failed connect, a wrong byte or a connection closed before its byte came
 * back ends the run with exit code 1.
 */
public final class ConnectRateLoad {
  private static final int PROBE = 'x';

  private ConnectRateLoad() {}

  /** Runs the load as the command line says and prints its result; exits with 0, 1 or 2. */
  public static void main(String[] argv) {
    System.exit(Args.status("ConnectRateLoad", () -> System.out.println(measure(Args.parse(argv,
        "host", "port", "duration", "warmup", "connectors")).toJson()), System.err));
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
    int connectors = args.integer("connectors", 4);
    if (connectors < 1) {
      throw new Args.Invalid("connectors must be at least 1, got " + connectors);
    }
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup loop = transport.eventLoops(1);
    LoadRun run = new LoadRun();
    Latencies latencies = new Latencies();
    try {
      Bootstrap bootstrap = Clients.bootstrap(loop, transport).remoteAddress(host, port);
      for (int i = 0; i < connectors; i++) {
        loop.execute(() -> cycle(bootstrap, run, latencies));
      }
      long nanos = run.measure(args.number("warmup", 1), args.number("duration", 3));
      long cycles = loop.submit(latencies::count).get(10, TimeUnit.SECONDS);
      if (cycles == 0) {
        throw new LoadFailure("no connection completed during the measured interval");
      }
      return new Result()
          .with("value", cycles / (nanos / 1e9))
          .with("unit", "connections/s")
          .with("p50_us", latencies.percentile(0.50))
          .with("p99_us", latencies.percentile(0.99))
          .with("connectors", connectors)
          .with("client", transport.toString());
    } finally {
      Clients.shutDown(loop);
    }
  }

  /** Starts one cycle, which starts the next when its connection has closed. */
  private static void cycle(Bootstrap bootstrap, LoadRun run, Latencies latencies) {
    if (run.stopping()) {
      return;
    }
    long start = System.nanoTime();
    OneByte handler = new OneByte(run);
    ChannelFuture connected = bootstrap.clone().handler(handler).connect();
    connected.addListener(done -> {
      if (!done.isSuccess()) {
        run.fail("cannot connect: " + done.cause());
      }
    });
    connected.channel().closeFuture().addListener(closed -> {
      if (handler.echoed) {
        if (run.measuring()) {
          latencies.record(System.nanoTime() - start);
        }
        run.progressed();
        cycle(bootstrap, run, latencies);
      }
    });
  }

  /** Sends one byte, checks that it comes back, and closes. */
  private static final class OneByte extends ChannelInboundHandlerAdapter {
    private final LoadRun run;
    boolean echoed;

    OneByte(LoadRun run) {
      this.run = run;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
      context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {PROBE}), context.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      ByteBuf buf = (ByteBuf) message;
      try {
        if (buf.readableBytes() != 1 || buf.getByte(buf.readerIndex()) != PROBE) {
          run.fail("expected the byte " + PROBE + " back, got " + buf.readableBytes() + " bytes");
        }
        echoed = true;
        context.close();
      } finally {
        buf.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      if (!echoed) {
        run.fail("the server closed a connection before echoing its byte");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      run.fail("connection failed: " + cause);
      context.close();
    }
  }
}
