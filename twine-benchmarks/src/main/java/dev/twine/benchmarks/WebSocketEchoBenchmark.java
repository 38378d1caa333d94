package dev.twine.benchmarks;

import dev.twine.bytes.Bytes;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import dev.twine.web.websocket.Agreement;
import dev.twine.web.websocket.Frame;
import dev.twine.web.websocket.FrameEncoder;
import dev.twine.web.websocket.Opcode;
import dev.twine.web.websocket.WebSocketConnection;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Measures a server echoing one binary message, as {@code twine hello}'s /ws does, from the
 * bytes in a native read buffer to the bytes in a native write buffer: a masked client frame is
 * read, parsed, unmasked, handed to the application, which sends it back, and the server frame
 * reaches the socket's buffer. Twine's {@link WebSocketConnection} against Netty's {@link
 * WebSocket08FrameDecoder} and {@link WebSocket08FrameEncoder}, for payloads of 32 bytes and 16
 * KiB.
 *
 * <p>Twine's side copies the frame out of the native buffer into a new array, as the NIO
 * reactor's read does, and its transport ({@link SocketSink}) copies what is written into a
 * native buffer, as the reactor's write does. Netty's side reads into a pooled direct buffer, as
 * its channel does, and its outgoing buffers are released unread, since Netty hands direct
 * buffers to the kernel as they are.
 *
 * <p>The class is not {@code final} because JMH generates subclasses of its benchmark states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WebSocketEchoBenchmark {
  /** The payload size in bytes. */
  @Param({"32", "16384"})
  public int size;

  private ByteBuffer socket;
  private SocketSink twineSink;
  private WebSocketConnection twineServer;
  private EmbeddedChannel nettyServer;

  /** Encodes the client's frame into a native buffer and makes each side's server. */
  @Setup
  public void setUp() {
    byte[] payload = new byte[size];
    new SplittableRandom(1).nextBytes(payload);
    Bytes wire = FrameEncoder.forClient(new SplittableRandom(2))
        .encode(Frame.of(Opcode.BINARY, Bytes.wrap(payload)));
    socket = ByteBuffer.allocateDirect(wire.size());
    wire.copyTo(socket);
    socket.flip();
    twineSink = new SocketSink(2 * wire.size());
    twineServer = WebSocketConnection.server(new Echo(), Agreement.NONE, new NoTimers(),
        WebSocketOptions.DEFAULT);
    twineServer.makeConnection(twineSink);
    nettyServer = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 1 << 20),
        new WebSocket08FrameEncoder(false), new NettyEcho());
  }

  /** Releases what Netty's channel still holds. */
  @TearDown
  public void tearDown() {
    nettyServer.finishAndReleaseAll();
  }

  /** Twine: read the frame into the heap, echo it, return the bytes written. */
  @Benchmark
  public int twine() {
    byte[] read = new byte[socket.remaining()];
    socket.get(0, read);
    twineServer.dataReceived(Bytes.wrap(read));
    return twineSink.take();
  }

  /** Netty: read the frame into a pooled direct buffer, echo it, return the bytes written. */
  @Benchmark
  public int netty() {
    ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(socket.remaining());
    read.writeBytes(socket.duplicate());
    nettyServer.writeInbound(read);
    int written = 0;
    ByteBuf out;
    while ((out = nettyServer.readOutbound()) != null) {
      written += out.readableBytes();
      out.release();
    }
    return written;
  }

  /** Sends every message back. */
  private static final class Echo extends WebSocketProtocol {
    @Override
    public void onMessage(Bytes payload, boolean binary) {
      connection().sendMessage(payload, binary);
    }
  }

  /** Sends every frame back and flushes. */
  private static final class NettyEcho extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.writeAndFlush(msg);
    }
  }

  /** A clock that no echo uses: no automatic pings, and the connection never closes. */
  private static final class NoTimers implements ReactorTime {
    @Override
    public double seconds() {
      return 0;
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable call) {
      throw new UnsupportedOperationException("the echo benchmark schedules nothing: " + delay);
    }
  }
}
