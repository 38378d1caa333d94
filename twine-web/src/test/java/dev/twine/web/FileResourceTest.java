package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.files.FileOptions;
import dev.twine.web.files.FileResource;
import dev.twine.web.files.MimeTypes;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileResource}: files, directories, types, HEAD and streaming, in memory. */
@TwineTest
class FileResourceTest {
  @TempDir Path dir;

  private FileSite site(Clock clock) {
    return new FileSite(clock, new FileResource(dir));
  }

  @Test
  void servesAFileWithItsTypeLengthValidatorsAndAcceptRanges(Clock clock) throws IOException {
    FileSite.write(dir.resolve("hello.txt"), "Hello, files!\n");

    Wire.Response response = site(clock).get("/hello.txt");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello, files!\n");
    assertThat(response.header("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.header("Content-Length")).hasValue("14");
    assertThat(response.header("Last-Modified")).hasValue(FileSite.LAST_MODIFIED);
    assertThat(response.header("ETag")).hasValue("\"e-" + Long.toHexString(
        FileSite.MODIFIED.getEpochSecond() * 1_000_000_000L + FileSite.MODIFIED.getNano()) + "\"");
    assertThat(response.header("Accept-Ranges")).hasValue("bytes");
  }

  @Test
  void answersHeadWithTheHeadersOfGetAndNoBody(Clock clock) throws IOException {
    FileSite.write(dir.resolve("page.html"), "<p>twine</p>");

    Wire.Response response = site(clock).request("HEAD", "/page.html");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("Content-Length")).hasValue("12");
    assertThat(response.header("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.header("ETag")).isPresent();
  }

  @Test
  void takesTypesFromTheExtensionWithOverrides(Clock clock) throws IOException {
    for (String name : List.of("a.JSON", "b.png", "c.log", "d.unknown", "noextension", "e.gz")) {
      FileSite.write(dir.resolve(name), "x");
    }
    FileSite site = new FileSite(clock, new FileResource(dir, FileOptions.DEFAULT.withMimeTypes(
        MimeTypes.DEFAULT.withType(".log", "text/x-log").withType("png", "image/x-png"))));

    assertThat(List.of("a.JSON", "b.png", "c.log", "d.unknown", "noextension", "e.gz").stream()
        .map(name -> site.get("/" + name).header("Content-Type").orElseThrow()))
        .containsExactly("application/json", "image/x-png", "text/x-log",
            "application/octet-stream", "application/octet-stream", "application/gzip");
  }

  @Test
  void refusesInvalidMimeTypesAndExtensions() {
    assertThatThrownBy(() -> MimeTypes.DEFAULT.withType("a.b", "text/plain"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a.b\"");
    assertThatThrownBy(() -> MimeTypes.DEFAULT.withType("txt", "plain"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type/subtype");
    assertThatThrownBy(() -> MimeTypes.DEFAULT.withType("txt", "text/plain\r\nX: y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FileOptions.DEFAULT.withIndexNames(List.of("../index.html")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../index.html");
  }

  @Test
  void redirectsADirectoryAskedWithoutItsSlashKeepingTheQuery(Clock clock) throws IOException {
    Files.createDirectories(dir.resolve("docs/a b"));
    Resource root = new Resource().putChild("static", new FileResource(dir));
    FileSite site = new FileSite(clock, root);

    Wire.Response docs = site.get("/static/docs?lang=en");
    Wire.Response spaced = site.request("HEAD", "/static/docs/a%20b");
    Wire.Response top = site.get("/static");

    assertThat(docs.status()).isEqualTo(301);
    assertThat(docs.header("Location")).hasValue("/static/docs/?lang=en");
    assertThat(spaced.status()).isEqualTo(301);
    assertThat(spaced.header("Location")).hasValue("/static/docs/a%20b/");
    assertThat(top.header("Location")).hasValue("/static/");
  }

  @Test
  void servesTheFirstIndexFileOfADirectory(Clock clock) throws IOException {
    FileSite.write(dir.resolve("index.html"), "home");
    FileSite.write(dir.resolve("sub/default.htm"), "sub home");
    FileSite.write(dir.resolve("sub/index.html/nested.txt"), "a directory named index.html");
    FileSite plain = site(clock);
    FileSite custom = new FileSite(clock, new FileResource(dir,
        FileOptions.DEFAULT.withIndexNames(List.of("index.html", "default.htm"))));

    assertThat(plain.get("/").body()).isEqualTo("home");
    assertThat(custom.get("/sub/").body()).isEqualTo("sub home");
    assertThat(custom.get("/sub/").header("Content-Type")).hasValue("text/html; charset=utf-8");
  }

  @Test
  void listsADirectorySortedWithEscapedNamesAndEncodedLinks(Clock clock) throws IOException {
    FileSite.write(dir.resolve("list/b.txt"), "12345");
    FileSite.write(dir.resolve("list/<img src=x onerror='alert(1)'>.txt"), "x");
    FileSite.write(dir.resolve("list/a b&c.txt"), "x");
    FileSite.write(dir.resolve("list/javascript:x"), "x");
    Files.createDirectories(dir.resolve("list/zdir"));

    Wire.Response response = site(clock).get("/list/");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).hasValue("text/html; charset=utf-8");
    String page = response.body();
    assertThat(page).contains("<title>Directory listing for /list/</title>")
        .contains("<a href=\"../\">../</a>")
        .contains("<a href=\"%3Cimg%20src%3Dx%20onerror%3D%27alert%281%29%27%3E.txt\">"
            + "&lt;img src=x onerror=&#39;alert(1)&#39;&gt;.txt</a>")
        .contains("<a href=\"a%20b%26c.txt\">a b&amp;c.txt</a>")
        .contains("<a href=\"javascript%3Ax\">javascript:x</a>")
        .contains("<a href=\"zdir/\">zdir/</a>")
        .contains("<td>5</td><td>" + FileSite.LAST_MODIFIED + "</td>")
        .doesNotContain("<img");
    assertThat(page.indexOf("&lt;img")).isLessThan(page.indexOf("a b&amp;c"));
    assertThat(page.indexOf("a b&amp;c")).isLessThan(page.indexOf(">b.txt<"));
    assertThat(page.indexOf(">b.txt<")).isLessThan(page.indexOf("javascript:x<"));
    assertThat(page.indexOf("javascript:x<")).isLessThan(page.indexOf("zdir/<"));
  }

  @Test
  void theRootListingHasNoParentLink(Clock clock) throws IOException {
    FileSite.write(dir.resolve("only.txt"), "x");

    assertThat(site(clock).get("/").body()).contains("only.txt").doesNotContain("../");
  }

  @Test
  void refusesToListWhenListingsAreOff(Clock clock) throws IOException {
    FileSite.write(dir.resolve("sub/secret-name.txt"), "x");
    FileSite site = new FileSite(clock,
        new FileResource(dir, FileOptions.DEFAULT.withListDirectories(false)));

    Wire.Response response = site.get("/sub/");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("secret-name");
  }

  @Test
  void answersMissingFilesAndFilesAskedAsDirectoriesWith404(Clock clock) throws IOException {
    FileSite.write(dir.resolve("file.txt"), "x");
    FileSite site = site(clock);

    assertThat(site.get("/missing.txt").status()).isEqualTo(404);
    assertThat(site.get("/file.txt/").status()).isEqualTo(404);
    assertThat(site.get("/file.txt/more").status()).isEqualTo(404);
    assertThat(site.get("/missing/").status()).isEqualTo(404);
  }

  @Test
  void answersOtherMethodsWith405AndOptionsWithAllow(Clock clock) throws IOException {
    FileSite.write(dir.resolve("file.txt"), "x");
    FileSite site = site(clock);

    Wire.Response post = site.request("POST", "/file.txt", "Content-Length: 0");
    Wire.Response options = site.request("OPTIONS", "/file.txt");

    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).hasValue("GET, HEAD, OPTIONS");
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.header("Allow")).hasValue("GET, HEAD, OPTIONS");
  }

  @Test
  void isALeafThatRefusesChildrenAndNeedsADirectory() throws IOException {
    FileResource files = new FileResource(dir);
    Path file = FileSite.write(dir.resolve("file.txt"), "x");

    assertThat(files.isLeaf()).isTrue();
    assertThat(files.directory()).isEqualTo(dir.toAbsolutePath());
    assertThatThrownBy(() -> files.putChild("x", new Resource()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"x\"");
    assertThatThrownBy(() -> new FileResource(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file.txt");
  }

  @Test
  void sendsAnEmptyFile(Clock clock) throws IOException {
    FileSite.write(dir.resolve("empty"), "");

    Wire.Response response = site(clock).get("/empty", "Range: bytes=0-");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Length")).hasValue("0");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void streamsALargeFileAsFastAsTheClientReadsAndNoFaster(Clock clock) throws IOException {
    int size = 4 << 20;
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = (byte) ('a' + i % 26);
    }
    Files.write(dir.resolve("big.bin"), content);
    Site site = new Site(new FileResource(dir), clock, Wire.calendar(clock), SiteOptions.DEFAULT);
    Protocol server = site.buildProtocol(Loopback.Options.DEFAULT.clientAddress());
    Collector client = new Collector();
    Pump pump = Loopback.connect(server, client);
    client.transport().pauseProducing();
    client.transport().write(Bytes.ascii("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n"));
    pump.flush();

    assertThat(pump.pendingToClient()).as("held back while the client does not read")
        .isPositive().isLessThanOrEqualTo(64 * 1024 + 256 * 1024 + 1024);

    client.transport().resumeProducing();
    pump.flush();
    String received = client.received.readAll().string(StandardCharsets.ISO_8859_1);
    assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: " + size);
    assertThat(received.substring(received.indexOf("\r\n\r\n") + 4))
        .isEqualTo(new String(content, StandardCharsets.ISO_8859_1));
    client.transport().loseConnection();
    pump.flush();
  }

  @Test
  void handsALargeFileWholeToAConnectionThatSendsFilesDirectly(Clock clock) throws IOException {
    Files.write(dir.resolve("big.bin"), new byte[3 << 20]);
    Site site = new Site(new FileResource(dir), clock, Wire.calendar(clock), SiteOptions.DEFAULT);
    DirectTransport transport = new DirectTransport();
    Protocol server = site.buildProtocol(transport.peer());
    server.makeConnection(transport);

    server.dataReceived(Bytes.ascii("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n"));

    assertThat(transport.regions).as("one region, not slices").containsExactly(3L << 20);
    assertThat(transport.inner.value().utf8()).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("Content-Length: " + (3 << 20));
    server.connectionLost(Failure.of(new ConnectionDone("test over")));
  }

  @Test
  void abortsTheConnectionWhenTheFileGetsShorterBeforeItIsSent(Clock clock) throws IOException {
    Path file = FileSite.write(dir.resolve("shrinking.txt"), "x".repeat(10_000));
    List<Request> held = new ArrayList<>();
    Resource root = new Resource()
        .putChild("hold", new Resource().on(HttpMethod.GET, request -> {
          held.add(request);
          return Rendered.streaming();
        }))
        .putChild("files", new FileResource(dir));
    Wire wire = new Wire(root, clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /files/shrinking.txt HTTP/1.1\r\nHost: a\r\n\r\n");
    try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
      truncate.truncate(100);
    }

    held.get(0).finish();

    assertThat(wire.transport.aborted()).isTrue();
    assertThat(wire.written()).contains("Content-Length: 10000\r\n").doesNotContain("xxx");
    wire.clientGoesAway();
  }

  /**
   * A transport that says it sends files directly, as a plain socket does, and keeps the size of
   * each region it is handed; it writes everything to a {@link StringTransport}.
   */
  private static final class DirectTransport implements Transport {
    final StringTransport inner = new StringTransport();
    final List<Long> regions = new ArrayList<>();

    @Override
    public boolean sendsFilesDirectly() {
      return true;
    }

    @Override
    public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
      regions.add(count);
      return inner.writeFile(file, position, count);
    }

    @Override
    public void write(Bytes data) {
      inner.write(data);
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
      inner.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
      inner.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
      inner.pauseProducing();
    }

    @Override
    public void resumeProducing() {
      inner.resumeProducing();
    }

    @Override
    public void stopProducing() {
      inner.stopProducing();
    }

    @Override
    public void loseConnection() {
      inner.loseConnection();
    }

    @Override
    public void abortConnection() {
      inner.abortConnection();
    }

    @Override
    public Address peer() {
      return inner.peer();
    }

    @Override
    public Address host() {
      return inner.host();
    }
  }

  /** A client that keeps what it receives. */
  private static final class Collector extends Protocol {
    final Buffer received = new Buffer();

    @Override
    public void dataReceived(Bytes data) {
      received.write(data);
    }
  }
}
