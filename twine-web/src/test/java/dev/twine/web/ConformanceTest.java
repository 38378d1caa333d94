package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's answer to request smuggling attempts and to the corners of RFC 9112, over real
 * sockets: each row's bytes go to a {@link Site} on 127.0.0.1, followed by a pipelined probe
 * ({@code GET /probe} with {@code Connection: close}), whole, byte by byte and in random pieces.
 * The row says which final statuses come back and whether the probe is then answered (the
 * connection was kept) or not (the server closed it, reading no further): the same whatever the
 * pieces. Interim {@code 1xx} responses are not counted, since whether {@code 100 Continue} is
 * worth sending depends on how much of the body has already arrived.
 *
 * <p>The site answers {@code GET /} with {@code ok}, {@code POST /} with the size of the body it
 * read, and the probe with {@code probe}; its limits are {@link HttpLimits#DEFAULT} but a 1 MiB
 * body.
 */
class ConformanceTest {
  private static final String PROBE = "GET /probe HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
  private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
  private static final String HOST = "Host: a\r\n";
  private static LiveSite site;

  /** What happens after the row's responses. */
  enum After {
    /** The pipelined probe is answered: the connection was kept and framed right. */
    KEPT,
    /** The probe gets nothing and the connection closes. */
    CLOSED
  }

  /** Raw request bytes, the final statuses they get, and whether the connection survives. */
  record Row(String name, String wire, List<Integer> statuses, After after) {
    @Override
    public String toString() {
      return name + " -> " + statuses + " " + after;
    }
  }

  private static Row row(String name, String wire, int status, After after) {
    return new Row(name, wire, List.of(status), after);
  }

  private static Row post(String name, String fields, String body, int status, After after) {
    return row(name, "POST / HTTP/1.1\r\n" + HOST + fields + "\r\n" + body, status, after);
  }

  private static Row chunked(String name, String chunks, int status, After after) {
    return post(name, "Transfer-Encoding: chunked\r\n", chunks, status, after);
  }

  private static Row get(String name, String fields, int status, After after) {
    return row(name, "GET / HTTP/1.1\r\n" + fields + "\r\n", status, after);
  }

  static final List<Row> ROWS = List.of(
      get("plain GET", HOST, 200, After.KEPT),
      post("POST with Content-Length", "Content-Length: 5\r\n", "hello", 200, After.KEPT),
      chunked("POST chunked", "5\r\nhello\r\n0\r\n\r\n", 200, After.KEPT),
      // Content-Length against Transfer-Encoding
      post("CL.TE", "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + SMUGGLED,
          400, After.CLOSED),
      post("TE.CL", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
          "8\r\nSMUGGLED\r\n0\r\n\r\n", 400, After.CLOSED),
      // Transfer-Encoding obfuscations
      post("TE xchunked", "Transfer-Encoding: xchunked\r\n", "0\r\n\r\n" + SMUGGLED, 400, After.CLOSED),
      post("TE chunked, identity", "Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n" + SMUGGLED,
          400, After.CLOSED),
      post("TE gzip, chunked (a coding not supported)", "Transfer-Encoding: gzip, chunked\r\n",
          "0\r\n\r\n", 501, After.CLOSED),
      post("TE with two spaces before chunked (OWS)", "Transfer-Encoding:  chunked\r\n",
          "5\r\nhello\r\n0\r\n\r\n", 200, After.KEPT),
      post("TE with a tab before chunked (OWS)", "Transfer-Encoding:\tchunked\r\n",
          "5\r\nhello\r\n0\r\n\r\n", 200, After.KEPT),
      post("TE with a tab after chunked (OWS)", "Transfer-Encoding: chunked\t\r\n",
          "5\r\nhello\r\n0\r\n\r\n", 200, After.KEPT),
      post("TE with a space before the name", "Content-Length: 4\r\n Transfer-Encoding: chunked\r\n",
          "0\r\n\r\n", 400, After.CLOSED),
      post("TE with a tab before the colon", "Transfer-Encoding\t: chunked\r\n", "0\r\n\r\n", 400,
          After.CLOSED),
      post("TE twice, chunked in both", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
          "0\r\n\r\n" + SMUGGLED, 400, After.CLOSED),
      post("TE twice, chunked then identity",
          "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", "0\r\n\r\n", 400,
          After.CLOSED),
      post("TE name in upper case (allowed)", "TRANSFER-ENCODING: chunked\r\n",
          "5\r\nhello\r\n0\r\n\r\n", 200, After.KEPT),
      post("TE value in upper case (allowed)", "Transfer-Encoding: CHUNKED\r\n",
          "5\r\nhello\r\n0\r\n\r\n", 200, After.KEPT),
      post("TE by obs-fold", "Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n", 400, After.CLOSED),
      row("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED,
          400, After.CLOSED),
      // Content-Length
      post("CL twice, equal", "Content-Length: 5\r\nContent-Length: 5\r\n", "hello", 200, After.KEPT),
      post("CL list, equal", "Content-Length: 5, 5\r\n", "hello", 200, After.KEPT),
      post("CL twice, different", "Content-Length: 0\r\nContent-Length: 37\r\n", SMUGGLED, 400,
          After.CLOSED),
      post("CL with a plus sign", "Content-Length: +5\r\n", "hello", 400, After.CLOSED),
      post("CL negative", "Content-Length: -1\r\n", "", 400, After.CLOSED),
      post("CL with a space inside", "Content-Length: 5 5\r\n", "hello", 400, After.CLOSED),
      post("CL in hex", "Content-Length: 0x5\r\n", "hello", 400, After.CLOSED),
      post("CL with a leading space (OWS)", "Content-Length:  5\r\n", "hello", 200, After.KEPT),
      post("CL past the body limit", "Content-Length: 1048577\r\n", "", 413, After.CLOSED),
      // chunked coding
      chunked("chunk size ended by a bare LF", "5\nhello\r\n0\r\n\r\n" + SMUGGLED, 400, After.CLOSED),
      chunked("chunk data ended by a bare LF", "5\r\nhello\n0\r\n\r\n", 400, After.CLOSED),
      chunked("semicolon without an extension", "5;\r\nhello\r\n0\r\n\r\n", 400, After.CLOSED),
      chunked("extension with a bad token", "5;a,b\r\nhello\r\n0\r\n\r\n", 400, After.CLOSED),
      chunked("extension with a value (allowed)", "5;a=\"b\"\r\nhello\r\n0;c=d\r\n\r\n", 200,
          After.KEPT),
      chunked("chunk size of 17 hex digits", "10000000000000005\r\nhello\r\n0\r\n\r\n", 400,
          After.CLOSED),
      chunked("chunk size with a 0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", 400, After.CLOSED),
      chunked("chunk size past the body limit", "100001\r\n", 413, After.CLOSED),
      chunked("trailer with Content-Length (kept apart)", "5\r\nhello\r\n0\r\nContent-Length: 50\r\n\r\n",
          200, After.KEPT),
      chunked("trailer with Transfer-Encoding (kept apart)",
          "5\r\nhello\r\n0\r\nTransfer-Encoding: chunked\r\n\r\n", 200, After.KEPT),
      chunked("trailer with obs-fold", "0\r\nX: a\r\n b\r\n\r\n", 400, After.CLOSED),
      // pipelining after an error: the second request is never read
      new Row("pipelined after a bad request", "GET / HTTP/1.1\r\nHost : a\r\n\r\n" + SMUGGLED,
          List.of(400), After.CLOSED),
      new Row("two good requests pipelined", "GET / HTTP/1.1\r\n" + HOST + "\r\n"
          + "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 2\r\n\r\nhi", List.of(200, 200), After.KEPT),
      // request target and Host
      row("absolute-form with the same Host", "GET http://a/ HTTP/1.1\r\n" + HOST + "\r\n", 200,
          After.KEPT),
      row("absolute-form with another Host (the URI wins)", "GET http://a/ HTTP/1.1\r\nHost: b\r\n\r\n",
          200, After.KEPT),
      row("absolute-form without Host", "GET http://a/ HTTP/1.1\r\n\r\n", 400, After.CLOSED),
      get("Host missing", "Accept: */*\r\n", 400, After.CLOSED),
      get("Host twice", "Host: a\r\nHost: b\r\n", 400, After.CLOSED),
      get("Host twice, equal", "Host: a\r\nHost: a\r\n", 400, After.CLOSED),
      row("HTTP/1.0 without Host (allowed)", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
          200, After.KEPT),
      // field syntax
      get("space before the colon", "Host : a\r\n", 400, After.CLOSED),
      get("obs-fold", HOST + "X: a\r\n b\r\n", 400, After.CLOSED),
      get("bare CR in a value", HOST + "X: a\rb\r\n", 400, After.CLOSED),
      get("bare LF ending a field", HOST + "X: a\n", 400, After.CLOSED),
      get("NUL in a value", HOST + "X: a\u0000b\r\n", 400, After.CLOSED),
      get("field without a colon", HOST + "X\r\n", 400, After.CLOSED),
      // request line
      row("two spaces after the method", "GET  / HTTP/1.1\r\n" + HOST + "\r\n", 400, After.CLOSED),
      row("space after the version", "GET / HTTP/1.1 \r\n" + HOST + "\r\n", 400, After.CLOSED),
      row("HTTP/0.9 request", "GET /\r\n", 400, After.CLOSED),
      row("HTTP/2 prior-knowledge preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, After.CLOSED),
      row("HTTP/1.2 (a later minor version, answered as 1.1)", "GET / HTTP/1.2\r\n" + HOST + "\r\n",
          200, After.KEPT),
      row("request line of 8193 bytes", "GET /" + "a".repeat(8193 - 14) + " HTTP/1.1\r\n" + HOST + "\r\n",
          414, After.CLOSED),
      get("header section of 16 KiB and more", HOST + ("X: " + "a".repeat(1000) + "\r\n").repeat(17), 431,
          After.CLOSED),
      get("101 header fields", HOST + "X: a\r\n".repeat(100), 431, After.CLOSED),
      // persistence
      row("HTTP/1.0 closes by default", "GET / HTTP/1.0\r\n\r\n", 200, After.CLOSED),
      row("HTTP/1.0 with keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 200, After.KEPT),
      get("HTTP/1.1 with Connection: close", HOST + "Connection: close\r\n", 200, After.CLOSED),
      post("Expect: 100-continue with its body", "Expect: 100-continue\r\nContent-Length: 5\r\n", "hello",
          200, After.KEPT),
      post("Expect: something else", "Expect: teapot\r\nContent-Length: 5\r\n", "hello", 417,
          After.CLOSED));

  @BeforeAll
  static void start() {
    Resource root = new Resource();
    root.putChild("", new Resource()
        .on(HttpMethod.GET, request -> Rendered.body("ok"))
        .on(HttpMethod.POST, request -> Rendered.later(
            request.content().map(body -> Bytes.ascii("read " + body.size())))));
    root.putChild("host", new Resource().on(HttpMethod.GET, request -> Rendered.body(request.hostname())));
    root.putChild("probe", new Resource().on(HttpMethod.GET, request -> Rendered.body("probe")));
    site = new LiveSite(root, SiteOptions.DEFAULT.withLimits(HttpLimits.DEFAULT.withMaxBodySize(1 << 20)));
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  static Stream<Arguments> splits() {
    return ROWS.stream().flatMap(row -> Chunks.all(Wire.latin1(row.wire() + PROBE), row.name().hashCode())
        .stream().map(split -> Arguments.of(row, split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void answersTheSameWhateverTheSegmentation(Row row, Chunks.Split split) throws Exception {
    List<Wire.Response> responses = exchange(split);

    List<Integer> statuses = new ArrayList<>();
    boolean probed = false;
    for (Wire.Response response : responses) {
      if (response.body().equals("probe")) {
        probed = true;
      } else if (response.status() >= 200) {
        statuses.add(response.status());
      }
    }
    assertThat(statuses).as("final statuses").isEqualTo(row.statuses());
    assertThat(probed ? After.KEPT : After.CLOSED).as("the pipelined probe").isEqualTo(row.after());
    assertThat(responses.stream().map(Wire.Response::body)).doesNotContain("smuggled");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("absoluteForms")
  void takesTheHostOfAnAbsoluteFormTargetOverTheHostField(String wire) throws Exception {
    List<Wire.Response> responses = exchange(new Chunks.Split("whole", Chunks.whole(Wire.latin1(wire))));

    assertThat(responses).extracting(Wire.Response::body).containsExactly("a");
  }

  static Stream<String> absoluteForms() {
    return Stream.of("GET http://a/host HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n",
        "GET http://a:80/host HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  }

  /**
   * Writes the pieces of {@code split} on a new connection, from a thread of their own so that a
   * server that answers and closes early is heard, and returns every response read until the
   * server closes; a write that fails because the server closed ends the writing.
   */
  private static List<Wire.Response> exchange(Chunks.Split split) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", site.port()), 5000);
      socket.setSoTimeout((int) LiveSite.PATIENCE.toMillis());
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          for (byte[] chunk : split.chunks()) {
            out.write(chunk);
            out.flush();
          }
        } catch (IOException e) {
          // the server closed the connection: what it said is read below
        }
      });
      Bytes read = readUntilClosed(socket.getInputStream());
      writer.join();
      return Wire.parse(read, List.of(), true);
    }
  }

  private static Bytes readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed within " + LiveSite.PATIENCE
          + "; it wrote: " + all.toString(StandardCharsets.ISO_8859_1), e);
    } catch (IOException e) {
      // reset after the server closed with our bytes unread: keep what arrived before
    }
    return Bytes.wrap(all.toByteArray());
  }
}
