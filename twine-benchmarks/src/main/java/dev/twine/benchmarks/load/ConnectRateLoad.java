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
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures how fast a TCP echo server takes new connections: {@code --connectors C} (default 4)
 * loops each connect, send one byte, read it back, close, and start over.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.ConnectRateLoad --host 127.0.0.1 --port 9000 \
 *     --duration 10 --warmup 3 --connectors 4 --sources 8
 * }</pre>
 *
 * <p>The client closes first, so each connection leaves its port in TIME_WAIT on the client side,
 * and Linux lends a port of the ephemeral range to a new connection to the same address only a
 * second later ({@code net.ipv4.tcp_tw_reuse_delay}): from one source address the default range
 * (32768-60999, of which {@code connect} uses half) caps the rate near 14,000 connections/s
 * whatever the server. Against a {@code 127.x.y.z} host the connections therefore come in turn
 * from {@code --sources S} (default 8) source addresses 127.0.0.2, 127.0.0.3, …, each with its own
 * ports; {@code --sources 1} connects from the default address.
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
        "host", "port", "duration", "warmup", "connectors", "sources")).toJson()), System.err));
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
    List<InetSocketAddress> sources = sources(host, args.integer("sources", 8));
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup loop = transport.eventLoops(1);
    LoadRun run = new LoadRun();
    Latencies latencies = new Latencies();
    try {
      Bootstrap bootstrap = Clients.bootstrap(loop, transport).remoteAddress(host, port);
      if (transport == NettyTransport.EPOLL) {
        // The port is chosen at connect time, among those free for this destination.
        bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
      }
      Cycles cycles = new Cycles(bootstrap, sources, run, latencies);
      for (int i = 0; i < connectors; i++) {
        loop.execute(cycles::next);
      }
      long nanos = run.measure(args.number("warmup", 1), args.number("duration", 3));
      long completed = loop.submit(latencies::count).get(10, TimeUnit.SECONDS);
      if (completed == 0) {
        throw new LoadFailure("no connection completed during the measured interval");
      }
      return new Result()
          .with("value", completed / (nanos / 1e9))
          .with("unit", "connections/s")
          .with("p50_us", latencies.percentile(0.50))
          .with("p99_us", latencies.percentile(0.99))
          .with("connectors", connectors)
          .with("sources", Math.max(1, sources.size()))
          .with("client", transport.toString());
    } finally {
      Clients.shutDown(loop);
    }
  }

  /**
   * Returns the source addresses to connect from in turn: {@code count} addresses from 127.0.0.2
   * on if {@code host} is an IPv4 loopback address and {@code count} is above 1, none otherwise.
   *
   * @throws Args.Invalid if {@code count} is not between 1 and 250
   */
  static List<InetSocketAddress> sources(String host, int count) throws UnknownHostException {
    if (count < 1 || count > 250) {
      throw new Args.Invalid("sources must be between 1 and 250, got " + count);
    }
    byte[] target = InetAddress.getByName(host).getAddress();
    List<InetSocketAddress> sources = new ArrayList<>();
    if (count > 1 && target.length == 4 && target[0] == 127) {
      for (int i = 0; i < count; i++) {
        sources.add(new InetSocketAddress(
            InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}), 0));
      }
    }
    return sources;
  }

  /** The connect loops: each cycle starts the next when its connection has closed. */
  private static final class Cycles {
    private final Bootstrap bootstrap;
    private final List<InetSocketAddress> sources;
    private final LoadRun run;
    private final Latencies latencies;
    private int started;

    Cycles(Bootstrap bootstrap, List<InetSocketAddress> sources, LoadRun run, Latencies latencies) {
      this.bootstrap = bootstrap;
      this.sources = sources;
      this.run = run;
      this.latencies = latencies;
    }

    /** Starts one cycle from the next source address; called on the client's event loop. */
    void next() {
      if (run.stopping()) {
        return;
      }
      long start = System.nanoTime();
      OneByte handler = new OneByte(run);
      Bootstrap one = bootstrap.clone().handler(handler);
      ChannelFuture connected = sources.isEmpty()
          ? one.connect()
          : one.connect(bootstrap.config().remoteAddress(), sources.get(started++ % sources.size()));
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
          next();
        }
      });
    }
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
