package dev.twine.benchmarks;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.Headers;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.RequestEvent;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.RequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * Measures the parsing of one request that arrives whole, by Twine's {@link RequestParser} and by
 * Netty's {@link HttpRequestDecoder}, for two requests: {@code browser}, a GET with the eight
 * headers a browser sends, and {@code plaintext}, the request of TechEmpower's plaintext test.
 *
 * <p>Each side keeps one parser for the whole run, as a connection does, and is fed the request
 * as one read would deliver it: Twine a {@link Bytes} over the same array, Netty an unpooled
 * buffer over it, through an {@link EmbeddedChannel} so that its decoder accumulates input as it
 * does on a real channel. An operation ends when the request's end has come out: Twine's {@link
 * MessageEnd}, Netty's {@link LastHttpContent}. Each side reads every header's name and value
 * once, as a server looking up its headers would, so that a lazy parser gains nothing unfair.
 *
 * <p>The class is not {@code final} because JMH generates subclasses of its benchmark states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HttpRequestParserBenchmark {
  private static final String BROWSER = "GET /articles/2024/fast-parsers?page=2 HTTP/1.1\r\n"
      + "Host: www.example.com\r\n"
      + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
      + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
      + "Accept-Language: en-US,en;q=0.5\r\n"
      + "Accept-Encoding: gzip, deflate, br\r\n"
      + "Referer: https://www.example.com/articles\r\n"
      + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r\n"
      + "Connection: keep-alive\r\n"
      + "\r\n";
  private static final String PLAINTEXT = "GET /plaintext HTTP/1.1\r\n"
      + "Host: server\r\n"
      + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Gecko/20130501 Firefox/30.0"
      + " AppleWebKit/600.00 Chrome/30.0.0000.0 Trident/10.0 Safari/600.00\r\n"
      + "Cookie: uid=12345678901234567890; __utma=1.1234567890.1234567890.1234567890.1234567890.12;"
      + " wd=2560x1600\r\n"
      + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
      + "Accept-Language: en-US,en;q=0.5\r\n"
      + "Connection: keep-alive\r\n"
      + "\r\n";

  /** Which request is parsed. */
  @Param({"browser", "plaintext"})
  public String request;

  private byte[] wire;
  private Bytes twineInput;
  private RequestParser twine;
  private EmbeddedChannel netty;

  /** Makes the request bytes and one parser of each side. */
  @Setup
  public void setUp() {
    wire = (request.equals("browser") ? BROWSER : PLAINTEXT).getBytes(StandardCharsets.US_ASCII);
    twineInput = Bytes.wrap(wire);
    twine = new RequestParser();
    netty = new EmbeddedChannel(new HttpRequestDecoder());
  }

  /** Releases what Netty's channel still holds. */
  @TearDown
  public void tearDown() {
    netty.finishAndReleaseAll();
  }

  /** Twine: feed the request, take events until its end. */
  @Benchmark
  public void twine(Blackhole blackhole) {
    twine.feed(twineInput);
    for (Optional<RequestEvent> event = twine.next(); event.isPresent(); event = twine.next()) {
      switch (event.get()) {
        case RequestHead head -> {
          blackhole.consume(head.method());
          blackhole.consume(head.target());
          Headers headers = head.headers();
          for (int i = 0; i < headers.size(); i++) {
            blackhole.consume(headers.name(i));
            blackhole.consume(headers.value(i));
          }
        }
        case MessageEnd end -> {
          blackhole.consume(end);
          return;
        }
        default -> blackhole.consume(event.get());
      }
    }
    throw new IllegalStateException("the request did not end");
  }

  /** Netty: write the request into the channel, read messages until the last content. */
  @Benchmark
  public void netty(Blackhole blackhole) {
    ByteBuf input = Unpooled.wrappedBuffer(wire);
    netty.writeInbound(input);
    Object message;
    while ((message = netty.readInbound()) != null) {
      try {
        if (message instanceof HttpRequest head) {
          blackhole.consume(head.method());
          blackhole.consume(head.uri());
          head.headers().forEach(field -> {
            blackhole.consume(field.getKey());
            blackhole.consume(field.getValue());
          });
        }
        if (message instanceof LastHttpContent) {
          blackhole.consume(message);
          return;
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }
    throw new IllegalStateException("the request did not end");
  }
}
