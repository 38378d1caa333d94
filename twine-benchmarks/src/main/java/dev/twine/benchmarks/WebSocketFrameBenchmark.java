package dev.twine.benchmarks;

import dev.twine.bytes.Bytes;
import dev.twine.web.websocket.Frame;
import dev.twine.web.websocket.FrameEncoder;
import dev.twine.web.websocket.FrameEvent;
import dev.twine.web.websocket.FrameParser;
import dev.twine.web.websocket.FramePayload;
import dev.twine.web.websocket.Opcode;
import dev.twine.web.websocket.Role;
import dev.twine.web.websocket.WebSocketLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures one masked binary frame going from a client to a server: the client's encoder masks
 * and frames the payload, the server's parser reads and unmasks it. Twine's {@link FrameEncoder}
 * and {@link FrameParser} against Netty's {@link WebSocket08FrameEncoder} and {@link
 * WebSocket08FrameDecoder}, for payloads of 32 bytes and 16 KiB.
 *
 * <p>Both sides draw a fresh masking key per frame from {@link ThreadLocalRandom}. Netty's codecs
 * run in {@link EmbeddedChannel}s with the default pooled allocator, as on a real channel: the
 * encoder's output buffers go into the decoder's channel, and the decoded frame is released.
 * Twine's parser gets the encoded {@link Bytes} as one read would, and the operation ends when the
 * payload's last piece has come out. The {@code decode} pair parses a frame encoded once, with
 * one masking key: Twine's parser gets it as one read's {@link Bytes}, Netty's decoder as a
 * pooled direct buffer holding a copy of it, as its channel's read would.
 *
 * <p>The class is not {@code final} because JMH generates subclasses of its benchmark states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WebSocketFrameBenchmark {
  /** The payload size in bytes. */
  @Param({"32", "16384"})
  public int size;

  private byte[] payload;
  private Bytes twinePayload;
  private FrameEncoder twineClient;
  private FrameParser twineServer;
  private EmbeddedChannel nettyClient;
  private EmbeddedChannel nettyServer;
  private byte[] masked;
  private EmbeddedChannel nettyDecoder;

  /** Makes the payload and each side's client encoder and server parser. */
  @Setup
  public void setUp() {
    payload = new byte[size];
    ThreadLocalRandom.current().nextBytes(payload);
    twinePayload = Bytes.wrap(payload);
    twineClient = FrameEncoder.forClient(ThreadLocalRandom.current());
    twineServer = new FrameParser(Role.SERVER, WebSocketLimits.DEFAULT, false);
    nettyClient = new EmbeddedChannel(new WebSocket08FrameEncoder(true));
    nettyServer = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 1 << 20));
    masked = twineClient.encode(Frame.of(Opcode.BINARY, twinePayload)).toByteArray();
    nettyDecoder = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 1 << 20));
  }

  /** Releases what Netty's channels still hold. */
  @TearDown
  public void tearDown() {
    nettyClient.finishAndReleaseAll();
    nettyServer.finishAndReleaseAll();
    nettyDecoder.finishAndReleaseAll();
  }

  /** Twine: encode with a mask, parse until the end of the frame. */
  @Benchmark
  public void twine(Blackhole blackhole) {
    twineServer.feed(twineClient.encode(Frame.of(Opcode.BINARY, twinePayload)));
    parseToEndOfFrame(blackhole);
  }

  /** Takes the server parser's events until the end of the frame it was fed. */
  private void parseToEndOfFrame(Blackhole blackhole) {
    for (Optional<FrameEvent> event = twineServer.next(); event.isPresent();
        event = twineServer.next()) {
      blackhole.consume(event.get());
      if (event.get() instanceof FramePayload piece && piece.endOfFrame()) {
        return;
      }
    }
    throw new IllegalStateException("the frame did not end");
  }

  /** Netty: encode with a mask, decode, release. */
  @Benchmark
  public void netty(Blackhole blackhole) {
    nettyClient.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    ByteBuf wire;
    while ((wire = nettyClient.readOutbound()) != null) {
      nettyServer.writeInbound(wire);
    }
    WebSocketFrame frame = nettyServer.readInbound();
    if (frame == null) {
      throw new IllegalStateException("the frame did not end");
    }
    blackhole.consume(frame.content().readableBytes());
    frame.release();
  }

  /** Twine: parse one masked frame, as one read gives it, until the end of the frame. */
  @Benchmark
  public void twineDecode(Blackhole blackhole) {
    twineServer.feed(Bytes.wrap(masked));
    parseToEndOfFrame(blackhole);
  }

  /** Netty: copy one masked frame into a pooled direct buffer, decode it, release. */
  @Benchmark
  public void nettyDecode(Blackhole blackhole) {
    ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(masked.length);
    read.writeBytes(masked);
    nettyDecoder.writeInbound(read);
    WebSocketFrame frame = nettyDecoder.readInbound();
    if (frame == null) {
      throw new IllegalStateException("the frame did not end");
    }
    blackhole.consume(frame.content().readableBytes());
    frame.release();
  }
}
