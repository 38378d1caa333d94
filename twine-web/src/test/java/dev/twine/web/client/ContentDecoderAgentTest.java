package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Compressed bodies decoded, within a limit, and broken ones refused. */
@TwineTest
class ContentDecoderAgentTest {
  private static final String URL = "http://example.com/";
  private static final String TEXT = "It was the best of times, it was the worst of times. ".repeat(50);

  private final MemoryNet net;

  ContentDecoderAgentTest(Clock clock) {
    net = new MemoryNet(clock);
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  static Bytes gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Bytes.wrap(out.toByteArray());
  }

  static Bytes deflate(String text, boolean raw) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    byte[] out = new byte[text.length() + 64];
    int n = deflater.deflate(out);
    deflater.end();
    return Bytes.wrap(Arrays.copyOf(out, n));
  }

  /** Answers a GET through {@code agent} with {@code body} encoded with {@code encoding}. */
  private Deferred<Response> answer(Agent agent, String encoding, Bytes body, boolean byteByByte) {
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Encoding: " + encoding + "\r\nContent-Length: "
        + body.size() + "\r\n\r\n");
    if (byteByByte) {
      for (int i = 0; i < body.size(); i++) {
        net.server(0).send(body.slice(i, i + 1));
        net.flush();
      }
    } else {
      net.server(0).send(body);
      net.flush();
    }
    return pending;
  }

  @Test
  void asksForCompressionAndDecodesGzip() {
    Deferred<Response> pending =
        answer(new ContentDecoderAgent(net.agent()), "gzip", gzip(TEXT), false);

    assertThat(net.server(0).request().head().headers().first("Accept-Encoding"))
        .contains("gzip, deflate");
    Response response = successResultOf(pending);
    assertThat(response.headers().contains("Content-Encoding")).isFalse();
    assertThat(response.headers().contains("Content-Length")).isFalse();
    assertThat(response.length()).isEmpty();
    Deferred<Bytes> body = response.readBody(1 << 20);
    net.flush();
    assertThat(successResultOf(body).utf8()).isEqualTo(TEXT);
  }

  @Test
  void streamsADecodedBodyToAProtocol() {
    Deferred<Response> pending =
        answer(new ContentDecoderAgent(net.agent()), "x-gzip", gzip(TEXT), false);
    BodyRecorder body = new BodyRecorder();
    successResultOf(pending).deliverBody(body);

    assertThat(body.text()).isEqualTo(TEXT);
    assertThat(body.reason()).isInstanceOf(ResponseDone.class);
  }

  @Test
  void decodesGzipFedOneByteAtATime() {
    Deferred<Response> decoded =
        answer(new ContentDecoderAgent(net.agent()), "gzip", gzip(TEXT), true);
    Deferred<Bytes> body = successResultOf(decoded).readBody(1 << 20);
    net.flush();

    assertThat(successResultOf(body).utf8()).isEqualTo(TEXT);
  }

  @Test
  void decodesConcatenatedGzipMembers() {
    Deferred<Response> pending = answer(new ContentDecoderAgent(net.agent()), "gzip",
        gzip("first ").concat(gzip("second")), false);

    assertThat(successResultOf(successResultOf(pending).readBody(100)).utf8())
        .isEqualTo("first second");
  }

  @Test
  void decodesDeflateWithAndWithoutZlibWrapping() {
    Deferred<Response> zlib =
        answer(new ContentDecoderAgent(net.agent()), "deflate", deflate(TEXT, false), false);
    assertThat(successResultOf(successResultOf(zlib).readBody(1 << 20)).utf8()).isEqualTo(TEXT);

    Deferred<Response> raw = new ContentDecoderAgent(net.agent()).request(HttpMethod.GET, URL);
    net.flush();
    Bytes body = deflate(TEXT, true);
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: "
        + body.size() + "\r\n\r\n");
    net.server(0).send(body);
    net.flush();
    assertThat(successResultOf(successResultOf(raw).readBody(1 << 20)).utf8()).isEqualTo(TEXT);
  }

  @Test
  void decodesEveryKnownCodingFromTheLastAndKeepsTheRest() {
    Deferred<Response> decoded = answer(new ContentDecoderAgent(net.agent()),
        "br, deflate, gzip", gzipLatin1(deflate(TEXT, false)), false);

    Response response = successResultOf(decoded);
    assertThat(response.headers().all("Content-Encoding")).containsExactly("br");
    assertThat(successResultOf(response.readBody(1 << 20)).utf8()).isEqualTo(TEXT);
  }

  private static Bytes gzipLatin1(Bytes data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Bytes.wrap(out.toByteArray());
  }

  @Test
  void leavesUnknownCodingsAndKeepsTheCallersAcceptEncoding() {
    Agent agent = new ContentDecoderAgent(net.agent());
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL,
        Headers.of("Accept-Encoding", "br"), null);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 3\r\n\r\nabc");
    net.flush();

    assertThat(net.server(0).request().head().headers().all("Accept-Encoding"))
        .containsExactly("br");
    Response response = successResultOf(pending);
    assertThat(response.headers().first("Content-Encoding")).contains("br");
    assertThat(response.length()).hasValue(3);
    assertThat(successResultOf(response.readBody(10)).utf8()).isEqualTo("abc");
  }

  @Test
  void aBodyDecodingPastTheLimitFailsAndAbortsTheConnection() {
    Bytes bomb = gzip("0".repeat(1 << 20));
    Agent agent = new ContentDecoderAgent(net.agent(), 100_000);
    Deferred<Response> decoded = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
        + bomb.size() + "\r\n\r\n");
    net.server(0).send(bomb.slice(0, 500));
    net.flush();
    BodyRecorder body = new BodyRecorder();
    successResultOf(decoded).deliverBody(body);
    net.flush();

    assertThat(body.reason()).isInstanceOf(ResponseFailed.class).cause()
        .isInstanceOfSatisfying(BodyTooLarge.class,
            e -> assertThat(e).hasMessage("decoded body larger than 100000 bytes"));
    assertThat(body.size()).isLessThanOrEqualTo(100_000);
    assertThat(net.closed(0)).isTrue();
  }

  @Test
  void aCorruptBodyFailsClearly() {
    Bytes broken = gzip(TEXT);
    byte[] bytes = broken.toByteArray();
    bytes[20] ^= 0x55;
    Deferred<Response> pending =
        answer(new ContentDecoderAgent(net.agent()), "gzip", Bytes.wrap(bytes), false);

    assertThat(failureResultOf(successResultOf(pending).readBody(1 << 20), ResponseFailed.class)
        .exception().getCause()).isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith("cannot decode the body");
  }

  @Test
  void aBodyThatIsNotGzipAtAllFailsClearly() {
    Deferred<Response> pending = answer(new ContentDecoderAgent(net.agent()), "gzip",
        Bytes.utf8("plain text, not gzip"), false);

    assertThat(failureResultOf(successResultOf(pending).readBody(1 << 20), ResponseFailed.class)
        .exception().getCause()).hasMessageContaining("not a gzip stream");
  }

  @Test
  void aTruncatedStreamFailsAtTheEndOfTheBody() {
    Bytes whole = gzip(TEXT);
    Deferred<Response> pending = answer(new ContentDecoderAgent(net.agent()), "gzip",
        whole.slice(0, whole.size() - 4), false);

    assertThat(failureResultOf(successResultOf(pending).readBody(1 << 20), ResponseFailed.class)
        .exception().getCause()).hasMessageContaining("ended before its end");
  }

  @Test
  void aPausedReceiverHoldsTheDecodingBack() {
    String large = "abcdefghij".repeat(10_000);
    Deferred<Response> pending =
        answer(new ContentDecoderAgent(net.agent()), "gzip", gzip(large), false);
    BodyRecorder body = new BodyRecorder() {
      @Override
      public void dataReceived(Bytes data) {
        super.dataReceived(data);
        transport().pauseProducing();
      }
    };
    successResultOf(pending).deliverBody(body);
    assertThat(body.size()).isEqualTo(DecodingBody.PIECE);

    while (body.end().isEmpty()) {
      body.transport().resumeProducing();
      net.flush();
    }
    assertThat(body.text()).isEqualTo(large);
    assertThat(body.reason()).isInstanceOf(ResponseDone.class);
  }

  @Test
  void anEmptyEncodedBodyDecodesToNothing() {
    Deferred<Response> head = new ContentDecoderAgent(net.agent()).request(HttpMethod.HEAD, URL);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\n");
    net.flush();

    assertThat(successResultOf(successResultOf(head).readBody(10)).size()).isZero();
  }
}
