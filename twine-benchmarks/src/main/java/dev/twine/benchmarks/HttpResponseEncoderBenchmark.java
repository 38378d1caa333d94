package dev.twine.benchmarks;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.MessageEncoder;
import dev.twine.web.http.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures turning the response of TechEmpower's plaintext test, a {@code 200} with {@code
 * Server}, {@code Date}, {@code Content-Type} and {@code Content-Length} and a 13-byte body, into
 * the bytes that go to the socket: Twine's {@link MessageEncoder} against Netty's {@link
 * HttpResponseEncoder}.
 *
 * <p>Each operation builds the response's headers anew, as a server does for every request, from
 * constant names and values and the current {@code Date} string (which both servers cache per
 * second), then encodes the head and the body. Netty's encoder runs in an {@link EmbeddedChannel}
 * with the default pooled allocator, as it would on a real channel, and its output buffers are
 * released; Twine's output is the list of {@link Bytes} a transport would gather.
 *
 * <p>The class is not {@code final} because JMH generates subclasses of its benchmark states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HttpResponseEncoderBenchmark {
  private static final String DATE = "Mon, 23 Nov 2026 21:13:44 GMT";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
  private static final Bytes TWINE_BODY = Bytes.wrap(BODY);
  private static final AsciiString NETTY_SERVER = AsciiString.cached("Twine");
  private static final AsciiString NETTY_DATE = AsciiString.cached(DATE);

  private EmbeddedChannel netty;

  /** Makes Netty's encoding channel. */
  @Setup
  public void setUp() {
    netty = new EmbeddedChannel(new HttpResponseEncoder());
  }

  /** Releases what Netty's channel still holds. */
  @TearDown
  public void tearDown() {
    netty.finishAndReleaseAll();
  }

  /** Twine: headers, encoder, head and content. */
  @Benchmark
  public void twine(Blackhole blackhole) {
    Headers headers = new Headers()
        .add("Content-Type", "text/plain")
        .add("Date", DATE)
        .add("Server", "Twine")
        .add("Content-Length", Integer.toString(BODY.length));
    MessageEncoder encoder = MessageEncoder.response(ResponseHead.of(200, headers), HttpMethod.GET);
    blackhole.consume(encoder.head());
    blackhole.consume(encoder.content(TWINE_BODY));
    blackhole.consume(encoder.end());
  }

  /** Netty: a full response through the encoder, its output read and released. */
  @Benchmark
  public void netty(Blackhole blackhole) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY), false);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
        .set(HttpHeaderNames.DATE, NETTY_DATE)
        .set(HttpHeaderNames.SERVER, NETTY_SERVER)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
    netty.writeOutbound(response);
    ByteBuf out;
    while ((out = netty.readOutbound()) != null) {
      blackhole.consume(out.readableBytes());
      ReferenceCountUtil.release(out);
    }
  }
}
