package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Flags;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WebSocket echo load: {@code WebSocketLoad --host H --port P --path /ws --size 32|16384
 * --connections 100 --duration S --warmup S}. Each connection sends a binary message of {@code
 * size} bytes, waits for its echo, checks it and sends the next (ping-pong); after the warmup, it
 * counts the round trips of every connection for the duration and prints, as the last line, {@code
 * {"value": ..., "unit": "msg/s", "p99_us": ..., "messages": ..., "connections": ..., "size": ...}}.
 *
 * <p>All connections run on one Netty event loop (native epoll where it loads), so the load takes
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

  /**
   * What to run.
   *
   * @param host the server's host
   * @param port the server's port
   * @param path the path of the echo, such as {@code /ws}
   * @param size the bytes of each message, at least 1
   * @param connections the connections, at least 1
   * @param duration how long to measure, more than zero
   * @param warmup how long to exchange before measuring
   */
  public record Settings(String host, int port, String path, int size, int connections,
      Duration duration, Duration warmup) {
    /** Validates the values. */
    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(path, "path");
      if (port < 1 || port > 65535 || size < 1 || connections < 1 || !path.startsWith("/")
          || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
        throw new IllegalArgumentException("port must be 1 to 65535, size and connections at least"
            + " 1, path start with /, duration be positive and warmup not negative: " + port + ", "
            + size + ", " + connections + ", " + path + ", " + duration + ", " + warmup);
      }
    }
  }

  /**
   * What a run measured.
   *
   * @param messagesPerSecond round trips per second, over every connection
   * @param p99Micros the 99th percentile of the round trip, in microseconds
   * @param messages how many round trips were measured
   */
  public record Result(double messagesPerSecond, long p99Micros, long messages) {}

  /** A run that found the server misbehaving, or that could not start. */
  public static final class LoadFailed extends Exception {
    private static final long serialVersionUID = 1L;

    LoadFailed(String message) {
      super(message);
    }
  }

  /** Runs the load that the arguments describe and exits: 0 after printing the result, else 1. */
  public static void main(String[] args) {
    try {
      Flags flags = Flags.parse(args,
          Set.of("host", "port", "path", "size", "connections", "duration", "warmup"));
      Settings settings = new Settings(flags.text("host", "127.0.0.1"), flags.integer("port", 8080),
          flags.text("path", "/ws"), flags.integer("size", 32), flags.integer("connections", 100),
          Duration.ofSeconds(flags.integer("duration", 10)), Duration.ofSeconds(flags.integer("warmup", 5)));
      Result result = run(settings);
      System.out.println(String.format(Locale.ROOT,
          "{\"value\": %.1f, \"unit\": \"msg/s\", \"p99_us\": %d, \"messages\": %d, \"connections\": %d, \"size\": %d}",
          result.messagesPerSecond(), result.p99Micros(), result.messages(), settings.connections(),
          settings.size()));
      System.exit(0);
    } catch (LoadFailed | IllegalArgumentException e) {
      System.err.println("WebSocketLoad: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      System.err.println("WebSocketLoad: interrupted");
      System.exit(1);
    }
  }

  /**
   * Runs the load and returns what was measured; returns within the warmup and duration plus at
   * most 30 seconds per stall.
   *
   * @throws LoadFailed if the server misbehaved or the connections could not open
   */
  public static Result run(Settings settings) throws LoadFailed, InterruptedException {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    EchoMeter meter = new EchoMeter(settings.connections());
    ByteBuf payload = payload(settings.size());
    ChannelGroup channels = new DefaultChannelGroup(loop.next());
    try {
      Bootstrap bootstrap = new Bootstrap().group(loop)
          .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) STALL.toMillis())
          .handler(pipeline(settings, payload, meter));
      for (int i = 0; i < settings.connections(); i++) {
        ChannelFuture connecting = bootstrap.connect(settings.host(), settings.port());
        channels.add(connecting.channel());
        connecting.addListener(connected -> {
          if (!connected.isSuccess()) {
            meter.fail("cannot connect to " + settings.host() + ":" + settings.port() + ": " + connected.cause());
          }
        });
      }
      awaitOpen(meter, settings.connections());
      exchange(meter, settings.warmup());
      long start = System.nanoTime();
      onLoop(loop, () -> meter.startMeasuring(start));
      exchange(meter, settings.duration());
      Result result = onLoop(loop, () -> meter.stop(System.nanoTime()));
      if (result.messages() == 0) {
        throw new LoadFailed("no echo came back while measuring");
      }
      return result;
    } finally {
      meter.closing();
      channels.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
      channels.close().await(STALL.toSeconds(), TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(STALL.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static ChannelInitializer<SocketChannel> pipeline(Settings settings, ByteBuf payload, EchoMeter meter) {
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

  private static void awaitOpen(EchoMeter meter, int connections) throws LoadFailed, InterruptedException {
    long deadline = System.nanoTime() + STALL.toNanos();
    while (!meter.open().await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      checkFailure(meter);
      if (System.nanoTime() > deadline) {
        throw new LoadFailed("only " + (connections - meter.open().getCount()) + " of " + connections
            + " WebSocket connections opened within " + STALL.toSeconds() + " s");
      }
    }
    checkFailure(meter);
  }

  /** Lets the connections exchange for {@code time}, failing at once if they fail or stall. */
  private static void exchange(EchoMeter meter, Duration time) throws LoadFailed, InterruptedException {
    long end = System.nanoTime() + time.toNanos();
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
        throw new LoadFailed("no echo came back for " + STALL.toSeconds() + " s");
      }
    }
  }

  private static void checkFailure(EchoMeter meter) throws LoadFailed {
    String failure = meter.failure();
    if (failure != null) {
      throw new LoadFailed(failure);
    }
  }

  private static <T> T onLoop(EventLoopGroup loop, Callable<T> work)
      throws LoadFailed, InterruptedException {
    try {
      return loop.next().submit(work).get(STALL.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LoadFailed("the event loop did not answer: " + e);
    }
  }

  private static void onLoop(EventLoopGroup loop, Runnable work) throws LoadFailed, InterruptedException {
    onLoop(loop, () -> {
      work.run();
      return null;
    });
  }
}
