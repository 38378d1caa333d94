package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WebSocket echo load: {@code WebSocketLoad --host H --port P --path /ws --size 32|16384
 * --connections 100 --duration S --warmup S}. Each connection sends a binary message of {@code
 * size} bytes, waits for its echo, checks it and sends the next (ping-pong); after the warmup, it
 * counts the round trips of every connection for the duration and prints, as the last line, {@code
 * {"value": ..., "unit": "msg/s", "p99_us": ..., "messages": ..., "connections": ..., "size": ...,
 * "client": ...}}.
 *
 * <p>Exit codes: 0 with the result, 1 when the server misbehaved, 2 for bad arguments. All connections run on one Netty event loop ({@link NettyTransport#best()}), so the load takes
 * one core. The run fails, with exit code 1 and one line on stderr, when an echo differs from what
 * was sent, the server closes a connection, the connections are not all open within 30 seconds,
 * or no echo comes back for 30 seconds.
 *
 * <p>Defaults: host 127.0.0.1, port 8080, path /ws, size 32, 100 connections, 10 s after 5 s of
 * warmup.
 */
public final class WebSocketLoad {
  private static final Duration STALL = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 50;

  private WebSocketLoad() {}

  /** Runs the load that {@code argv} describes and exits: 0 after printing the result, else 1 or 2. */
  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /**
   * Runs the load as {@link #main} does, printing the result on {@code out} and a failure on
   * {@code err}; returns the exit code (see {@link Args#status}).
   */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    return Args.status("WebSocketLoad", () -> out.println(measure(Args.parse(argv,
        "host", "port", "path", "size", "connections", "duration", "warmup")).toJson()), err);
  }

  /**
   * Runs the load and returns what was measured; returns within the warmup and duration plus at
   * most 30 seconds per stall.
   *
   * @throws Args.Invalid for a bad option
   * @throws LoadFailure if the server misbehaved or the connections could not open
   */
  public static Result measure(Args args) throws InterruptedException {
    Target target = new Target(args.string("host", "127.0.0.1"), args.integer("port", 8080),
        args.string("path", "/ws"), args.integer("size", 32));
    int connections = args.integer("connections", 100);
    double warmup = args.number("warmup", 5);
    double duration = args.number("duration", 10);
    if (connections < 1 || warmup < 0 || duration <= 0) {
      throw new Args.Invalid("need connections >= 1, warmup >= 0 and duration > 0; got "
          + connections + ", " + warmup + ", " + duration);
    }
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup loop = transport.eventLoops(1);
    EchoMeter meter = new EchoMeter(connections);
    ChannelGroup channels = new DefaultChannelGroup(loop.next());
    try {
      Bootstrap bootstrap = new Bootstrap().group(loop)
          .channel(transport.socketChannel())
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) STALL.toMillis())
          .handler(pipeline(target, payload(target.size()), meter));
      for (int i = 0; i < connections; i++) {
        ChannelFuture connecting = bootstrap.connect(target.host(), target.port());
        channels.add(connecting.channel());
        connecting.addListener(connected -> {
          if (!connected.isSuccess()) {
            meter.fail("cannot connect to " + target.host() + ":" + target.port() + ": " + connected.cause());
          }
        });
      }
      awaitOpen(meter, connections);
      exchange(meter, warmup);
      long start = System.nanoTime();
      onLoop(loop, () -> {
        meter.startMeasuring(start);
        return null;
      });
      exchange(meter, duration);
      Result result = onLoop(loop, () -> meter.stop(System.nanoTime()));
      if (result.number("messages") == 0) {
        throw new LoadFailure("no echo came back while measuring");
      }
      return result.with("connections", connections).with("size", target.size())
          .with("client", transport.toString());
    } finally {
      meter.closing();
      channels.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
      channels.close().await(STALL.toSeconds(), TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(STALL.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Where the load goes and what it sends: validated at once. */
  private record Target(String host, int port, String path, int size) {
    Target {
      if (port < 1 || port > 65535 || size < 1 || !path.startsWith("/")) {
        throw new Args.Invalid("need port 1 to 65535, size >= 1 and a path starting with /; got "
            + port + ", " + size + ", " + path);
      }
    }
  }

  private static ChannelInitializer<SocketChannel> pipeline(Target settings, ByteBuf payload, EchoMeter meter) {
    URI uri = URI.create("ws://" + settings.host() + ":" + settings.port() + settings.path());
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .maxFramePayloadLength(Math.max(65536, 2 * settings.size()))
        .handshakeTimeoutMillis(STALL.toMillis())
        .build();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast(
            new HttpClientCodec(),
            new HttpObjectAggregator(65536),
            new WebSocketClientProtocolHandler(config),
            new WebSocketFrameAggregator(Math.max(65536, 2 * settings.size())),
            new WebSocketPingPong(payload, meter));
      }
    };
  }

  /** Returns {@code size} bytes that differ from their neighbours, to be sent again and again. */
  private static ByteBuf payload(int size) {
    ByteBuf payload = Unpooled.directBuffer(size);
    for (int i = 0; i < size; i++) {
      payload.writeByte(i * 31 + 7);
    }
    return Unpooled.unreleasableBuffer(payload.asReadOnly());
  }

  private static void awaitOpen(EchoMeter meter, int connections) throws InterruptedException {
    long deadline = System.nanoTime() + STALL.toNanos();
    while (!meter.open().await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      checkFailure(meter);
      if (System.nanoTime() > deadline) {
        throw new LoadFailure("only " + (connections - meter.open().getCount()) + " of " + connections
            + " WebSocket connections opened within " + STALL.toSeconds() + " s");
      }
    }
    checkFailure(meter);
  }

  /** Lets the connections exchange for {@code seconds}, failing at once if they fail or stall. */
  private static void exchange(EchoMeter meter, double seconds) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long lastCount = meter.exchanged();
    long lastProgress = System.nanoTime();
    for (long now = lastProgress; now < end; now = System.nanoTime()) {
      Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (end - now) / 1_000_000)));
      checkFailure(meter);
      long count = meter.exchanged();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        throw new LoadFailure("no echo came back for " + STALL.toSeconds() + " s");
      }
    }
  }

  private static void checkFailure(EchoMeter meter) {
    String failure = meter.failure();
    if (failure != null) {
      throw new LoadFailure(failure);
    }
  }

  private static <T> T onLoop(EventLoopGroup loop, Callable<T> work) throws InterruptedException {
    try {
      return loop.next().submit(work).get(STALL.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LoadFailure("the event loop did not answer: " + e);
    }
  }
}
