package dev.twine.benchmarks.load;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Measures a UDP echo server: it keeps {@code --window W} datagrams (default 32) of
 * {@code --size} bytes (default 64, at least 8) in flight from one socket, sending the next as
 * soon as one comes back. A datagram not echoed within 200 ms counts as lost and its place goes
 * to a new one, so loss slows the run down but does not fail it.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.load.UdpEchoLoad --host 127.0.0.1 --port 9000 \
 *     --duration 10 --warmup 3 --size 64 --window 32
 * }</pre>
 *
 * <p>Each datagram carries its sequence number in its first 8 bytes and the stream
 * {@link Pattern} after them. It prints {@code value} (datagrams echoed per second; late echoes of
 * datagrams already counted lost do not count), {@code unit} ({@code datagrams/s}), {@code lost}
 * and {@code loss} (how many of the datagrams sent during the measured interval were lost, and
 * which fraction), {@code p50_us}, {@code p99_us}, {@code size}, {@code window} and
 * {@code client}. An echo that differs from its datagram ends the run with exit code 1.
 */
public final class UdpEchoLoad {
  private static final long LOSS_TIMEOUT_NANOS = 200_000_000L;
  private static final int SEQUENCE_BYTES = Long.BYTES;

  private UdpEchoLoad() {}

  /** Runs the load as the command line says and prints its result; exits with 0, 1 or 2. */
  public static void main(String[] argv) {
    System.exit(Args.status("UdpEchoLoad", () -> System.out.println(measure(Args.parse(argv,
        "host", "port", "duration", "warmup", "size", "window")).toJson()), System.err));
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
    int window = args.integer("window", 32);
    if (size < SEQUENCE_BYTES || size > 1472 || window < 1) {
      throw new Args.Invalid(
          "need 8 <= size <= 1472 and window >= 1; got " + size + " and " + window);
    }
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup loop = transport.eventLoops(1);
    LoadRun run = new LoadRun();
    Echoes echoes = new Echoes(run, size, window);
    try {
      ChannelFuture connected = new Bootstrap()
          .group(loop)
          .channel(transport.datagramChannel())
          .handler(echoes)
          .connect(host, port);
      if (!connected.await(Clients.CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          || !connected.isSuccess()) {
        throw new LoadFailure("cannot open a socket to " + host + ":" + port + ": "
            + connected.cause());
      }
      loop.scheduleAtFixedRate(echoes::expire, 10, 10, TimeUnit.MILLISECONDS);
      long nanos = run.measure(args.number("warmup", 1), args.number("duration", 3));
      long[] counts = loop.submit(() -> new long[] {echoes.latencies.count(), echoes.lost})
          .get(10, TimeUnit.SECONDS);
      if (counts[0] == 0) {
        throw new LoadFailure("no datagram came back during the measured interval");
      }
      return new Result()
          .with("value", counts[0] / (nanos / 1e9))
          .with("unit", "datagrams/s")
          .with("lost", counts[1])
          .with("loss", (double) counts[1] / (counts[0] + counts[1]))
          .with("p50_us", echoes.latencies.percentile(0.50))
          .with("p99_us", echoes.latencies.percentile(0.99))
          .with("size", size)
          .with("window", window)
          .with("client", transport.toString());
    } finally {
      Clients.shutDown(loop);
    }
  }

  /**
   * The datagrams in flight, one per slot: slot {@code s} sends sequence numbers
   * {@code s, s + W, s + 2W, ...}, so an echo finds its slot from its number, and an echo whose
   * slot has moved on (it came after its datagram was counted lost) is ignored.
   */
  private static final class Echoes extends SimpleChannelInboundHandler<DatagramPacket> {
    private final LoadRun run;
    private final int size;
    private final long[] sequence;
    private final long[] sentAt;
    final Latencies latencies = new Latencies();
    long lost;
    private @Nullable ChannelHandlerContext context;

    Echoes(LoadRun run, int size, int window) {
      this.run = run;
      this.size = size;
      this.sequence = new long[window];
      this.sentAt = new long[window];
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
      this.context = context;
      long now = System.nanoTime();
      for (int slot = 0; slot < sequence.length; slot++) {
        sequence[slot] = slot - sequence.length;
        send(context, slot, now);
      }
      context.flush();
    }

    private void send(ChannelHandlerContext context, int slot, long now) {
      long number = sequence[slot] + sequence.length;
      sequence[slot] = number;
      sentAt[slot] = now;
      ByteBuf datagram = context.alloc().directBuffer(size);
      datagram.writeLong(number).writeBytes(Pattern.slice(number, size - SEQUENCE_BYTES));
      context.write(datagram, context.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
      ByteBuf content = packet.content();
      int index = content.readerIndex();
      if (content.readableBytes() != size
          || !Pattern.matches(content, index + SEQUENCE_BYTES, size - SEQUENCE_BYTES,
              content.getLong(index))) {
        run.fail("a " + content.readableBytes() + "-byte echo differs from the " + size
            + "-byte datagram sent");
        return;
      }
      long number = content.getLong(index);
      int slot = (int) Long.remainderUnsigned(number, sequence.length);
      if (sequence[slot] != number) {
        return;
      }
      long now = System.nanoTime();
      if (run.measuring()) {
        latencies.record(now - sentAt[slot]);
      }
      run.progressed();
      if (!run.stopping()) {
        send(context, slot, now);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
      context.flush();
    }

    /** Counts the datagrams out longer than the loss timeout as lost and sends new ones. */
    void expire() {
      ChannelHandlerContext active = context;
      if (active == null || run.stopping()) {
        return;
      }
      long now = System.nanoTime();
      boolean sent = false;
      for (int slot = 0; slot < sequence.length; slot++) {
        if (now - sentAt[slot] > LOSS_TIMEOUT_NANOS) {
          if (run.measuring()) {
            lost++;
          }
          send(active, slot, now);
          sent = true;
        }
      }
      if (sent) {
        active.flush();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      run.fail("socket failed: " + cause);
    }
  }
}
