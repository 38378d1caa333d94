package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.AddressType;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.UnixAddress;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.RequestHead;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log of a site and the Combined Log Format lines of the access log. */
@TwineTest
class AccessLogTest {
  private final List<RequestLog.Entry> entries = new ArrayList<>();
  private final List<Request> held = new ArrayList<>();

  /**
   * {@code /hello} says hello; {@code /stream} writes three pieces, chunked; {@code /hold} waits
   * for the test.
   */
  private Resource root() {
    Resource root = new Resource();
    root.putChild("hello", new Resource().on(HttpMethod.GET, request -> Rendered.body("Hello!")));
    root.putChild("stream", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("one "));
      request.write(Bytes.ascii("two "));
      request.write(Bytes.ascii("three"));
      request.finish();
      return Rendered.streaming();
    }));
    root.putChild("hold", new Resource().on(HttpMethod.GET, request -> {
      held.add(request);
      return Rendered.streaming();
    }));
    return root;
  }

  private Wire wire(Clock clock) {
    return wire(clock, new StringTransport());
  }

  private Wire wire(Clock clock, StringTransport transport) {
    Site site = new Site(root(), clock, Wire.calendar(clock), SiteOptions.DEFAULT)
        .withLog(entries::add);
    return new Wire(site, clock, transport);
  }

  private List<String> lines() {
    return entries.stream().map(CombinedLogFormat::line).toList();
  }

  @Test
  void writesACombinedLogFormatLinePerRequest(Clock clock) {
    Wire wire = wire(clock);
    wire.send("GET /hello?x=1 HTTP/1.1\r\nHost: a\r\nReferer: http://ref/\r\n"
        + "User-Agent: agent/1.0\r\n\r\n");
    clock.advance(Duration.ofSeconds(3));
    wire.send("HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /missing HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /stream HTTP/1.0\r\n\r\n");
    int notFound = ErrorPage.html(404, "No such resource.", null).size();
    assertThat(lines()).containsExactly(
        "192.168.1.1 - - [01/Mar/2025:12:00:00 +0000] \"GET /hello?x=1 HTTP/1.1\" 200 6"
            + " \"http://ref/\" \"agent/1.0\"",
        "192.168.1.1 - - [01/Mar/2025:12:00:03 +0000] \"HEAD /hello HTTP/1.1\" 200 - \"-\" \"-\"",
        "192.168.1.1 - - [01/Mar/2025:12:00:03 +0000] \"GET /missing HTTP/1.1\" 404 "
            + notFound + " \"-\" \"-\"",
        "192.168.1.1 - - [01/Mar/2025:12:00:03 +0000] \"GET /stream HTTP/1.0\" 200 13"
            + " \"-\" \"-\"");
    assertThat(entries).allMatch(RequestLog.Entry::complete);
    wire.close();
  }

  @Test
  void logsWhenTheResponseIsSentWithTheTimeItTook(Clock clock) {
    Wire wire = wire(clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    clock.advance(Duration.ofMillis(2500));
    assertThat(entries).as("the second response waits for the first").isEmpty();
    held.get(0).write(Bytes.ascii("slow"));
    held.get(0).finish();
    assertThat(entries).extracting(RequestLog.Entry::requestLine)
        .containsExactly("GET /hold HTTP/1.1", "GET /hello HTTP/1.1");
    assertThat(entries).extracting(RequestLog.Entry::bodyBytes).containsExactly(4L, 6L);
    assertThat(entries).extracting(RequestLog.Entry::duration)
        .containsExactly(Duration.ofMillis(2500), Duration.ofMillis(2500));
    assertThat(entries.get(0).received()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
    wire.close();
  }

  @Test
  void logsAResponseCutShortWhenTheClientGoesAway(Clock clock) {
    Wire wire = wire(clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\nUser-Agent: quitter\r\n\r\n");
    held.get(0).setResponseCode(206);
    held.get(0).write(Bytes.ascii("12345"));
    clock.advance(Duration.ofSeconds(1));
    wire.clientGoesAway();
    assertThat(lines()).containsExactly("192.168.1.1 - - [01/Mar/2025:12:00:00 +0000]"
        + " \"GET /hold HTTP/1.1\" 206 5 \"-\" \"quitter\"");
    assertThat(entries.get(0).complete()).isFalse();
    assertThat(entries.get(0).duration()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void countsNothingSentForAResponseThatWaitedInVain(Clock clock) {
    Wire wire = wire(clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    held.get(0).write(Bytes.ascii("12"));
    wire.clientGoesAway();
    assertThat(entries).extracting(RequestLog.Entry::requestLine)
        .containsExactly("GET /hold HTTP/1.1", "GET /hello HTTP/1.1");
    assertThat(entries).extracting(RequestLog.Entry::bodyBytes).containsExactly(2L, 0L);
    assertThat(entries).noneMatch(RequestLog.Entry::complete);
  }

  @Test
  void logsInputThatIsNotARequest(Clock clock) {
    Wire wire = wire(clock);
    wire.send("GET /a\nb HTTP/1.1\r\n\r\n");
    assertThat(entries).hasSize(1);
    RequestLog.Entry entry = entries.get(0);
    assertThat(entry.request()).isEmpty();
    assertThat(entry.status()).isEqualTo(400);
    assertThat(CombinedLogFormat.line(entry)).startsWith(
        "192.168.1.1 - - [01/Mar/2025:12:00:00 +0000] \"-\" 400 ").endsWith(" \"-\" \"-\"");
    wire.close();
  }

  @Test
  void escapesWhatTheClientSentSoThatItCannotForgeALine(Clock clock) {
    Wire wire = wire(clock);
    wire.send("GET /hello HTTP/1.1\r\nHost: a\r\nReferer: a\"b\\c\r\n"
        + "User-Agent: caf\u00e9\t\"x\" 200 1 \"-\"\r\n\r\n");
    assertThat(lines()).containsExactly("192.168.1.1 - - [01/Mar/2025:12:00:00 +0000]"
        + " \"GET /hello HTTP/1.1\" 200 6 \"a\\\"b\\\\c\" \"caf\\xe9\\x09\\\"x\\\" 200 1 \\\"-\\\"\"");
    wire.close();
  }

  @Test
  void namesIpv6ClientsByAddressAndUnixClientsWithADash(Clock clock) {
    Wire ipv6 = wire(clock, new StringTransport(StringTransport.DEFAULT_HOST,
        new IPv6Address(AddressType.TCP, "2001:db8::1", 50000)));
    ipv6.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire unix = wire(clock, new StringTransport(new UnixAddress("/run/s"), new UnixAddress("")));
    unix.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(lines()).extracting(line -> line.substring(0, line.indexOf(' ')))
        .containsExactly("2001:db8::1", "-");
    ipv6.close();
    unix.close();
  }

  @Test
  void keepsServingWhenTheLogThrows(Clock clock) {
    Site site = new Site(root(), clock, Wire.calendar(clock), SiteOptions.DEFAULT)
        .withLog(entry -> {
          throw new IllegalStateException("the log is broken");
        });
    Wire wire = new Wire(site, clock, new StringTransport());
    wire.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::body)
        .containsExactly("Hello!", "Hello!");
    wire.close();
  }

  private static RequestLog.Entry entry(String target, int status, long bytes) {
    return new RequestLog.Entry(StringTransport.DEFAULT_PEER,
        Optional.of(RequestHead.of(HttpMethod.GET, target, new Headers())),
        status, bytes, Instant.parse("2026-11-23T18:00:00Z"), Duration.ZERO, true);
  }

  @Test
  void writesLinesToAWriterAndClosesIt() {
    StringWriter sink = new StringWriter();
    AccessLog log = AccessLog.toWriter(sink);
    log.log(entry("/", 200, 1234));
    log.log(entry("/gone", 410, 0));
    log.close();
    log.log(entry("/late", 200, 1));
    log.close();
    assertThat(sink.toString()).isEqualTo(
        "192.168.1.1 - - [23/Nov/2026:18:00:00 +0000] \"GET / HTTP/1.1\" 200 1234 \"-\" \"-\"\n"
        + "192.168.1.1 - - [23/Nov/2026:18:00:00 +0000] \"GET /gone HTTP/1.1\" 410 - \"-\" \"-\"\n");
    assertThat(log.dropped()).isEqualTo(1);
  }

  @Test
  void appendsToAFile(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("access.log");
    Files.writeString(file, "an older line\n");
    AccessLog log = AccessLog.toFile(file);
    log.log(entry("/", 200, 5));
    log.close();
    assertThat(Files.readAllLines(file)).containsExactly("an older line",
        "192.168.1.1 - - [23/Nov/2026:18:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"");
  }

  @Test
  void dropsLinesRatherThanWaitForASlowSink() throws InterruptedException {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StringWriter written = new StringWriter();
    Writer slow = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) {
        writing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        written.write(buffer, offset, length);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    AccessLog log = new AccessLog(slow, 1);
    log.log(entry("/1", 200, 1));
    writing.await();
    log.log(entry("/2", 200, 1));
    log.log(entry("/3", 200, 1));
    assertThat(log.dropped()).isEqualTo(1);
    release.countDown();
    log.close();
    assertThat(written.toString()).contains("GET /1 ").contains("GET /2 ")
        .doesNotContain("GET /3 ");
  }
}
