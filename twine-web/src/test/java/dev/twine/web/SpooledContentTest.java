package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies held in memory while small and in a temporary file past a threshold. */
@TwineTest
class SpooledContentTest {
  @TempDir Path spool;
  @TempDir Path kept;
  private final List<SpooledBytes> bodies = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** {@code /upload} spools the body past 1 KiB and notes where it is; {@code /keep} saves it. */
  private Resource root() {
    UploadOptions options = UploadOptions.DEFAULT.withMemoryThreshold(1024)
        .withTempDirectory(spool);
    Resource root = new Resource();
    root.putChild("upload", new Resource().on(HttpMethod.PUT, request ->
        Rendered.later(request.spooledContent(options).map(body -> {
          bodies.add(body);
          notes.add(body.inMemory() ? "memory" : "file " + Files.size(body.file().orElseThrow()));
          return Bytes.ascii(Long.toString(body.size()));
        }))));
    root.putChild("keep", new Resource().on(HttpMethod.PUT, request ->
        Rendered.later(request.spooledContent(options).map(body -> {
          body.saveTo(kept.resolve(request.arg("name").orElseThrow()));
          return Bytes.ascii("kept");
        }))));
    return root;
  }

  private static String put(String path, String body) {
    return "PUT " + path + " HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n"
        + body;
  }

  @Test
  void holdsASmallBodyInMemory(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send(put("/upload", "x".repeat(1024)));
    assertThat(wire.response().body()).isEqualTo("1024");
    assertThat(notes).containsExactly("memory");
    SpooledBytes body = bodies.get(0);
    assertThat(body.bytes()).isEqualTo(Bytes.ascii("x".repeat(1024)));
    try (InputStream stream = body.openStream()) {
      assertThat(stream.readAllBytes()).hasSize(1024);
    }
    assertThat(body.file()).isEmpty();
    wire.close();
  }

  @Test
  void spillsALargeChunkedBodyToAFileDeletedOnceAnswered(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send("PUT /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 100; i++) {
      wire.send("3e8\r\n" + "y".repeat(1000) + "\r\n");
    }
    wire.send("0\r\n\r\n");
    assertThat(wire.response().body()).isEqualTo("100000");
    assertThat(notes).containsExactly("file 100000");
    Path file = bodies.get(0).file().orElseThrow();
    assertThat(file.getParent()).isEqualTo(spool);
    assertThat(file).doesNotExist();
    assertThatThrownBy(bodies.get(0)::bytes).isInstanceOf(UncheckedIOException.class);
    wire.close();
  }

  @Test
  void savesTheBodyWhereverItIs(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send(put("/keep?name=small", "small body") + put("/keep?name=large", "z".repeat(5000)));
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly("kept", "kept");
    assertThat(Files.readString(kept.resolve("small"))).isEqualTo("small body");
    assertThat(Files.readString(kept.resolve("large"))).isEqualTo("z".repeat(5000));
    try (Stream<Path> left = Files.list(spool)) {
      assertThat(left).isEmpty();
    }
    wire.close();
  }

  @Test
  void failsABodyPastTheSiteLimitAndDeletesWhatWasSpooled(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock,
        SiteOptions.DEFAULT.withLimits(HttpLimits.DEFAULT.withMaxBodySize(4096)));
    wire.send("PUT /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "1000\r\n" + "w".repeat(4096) + "\r\n1\r\nw\r\n");
    assertThat(wire.response().status()).isEqualTo(413);
    assertThat(bodies).isEmpty();
    try (Stream<Path> left = Files.list(spool)) {
      assertThat(left).isEmpty();
    }
    wire.close();
  }

  @Test
  void givesEveryCallerTheSameContent(Clock clock) {
    List<Request> held = new ArrayList<>();
    Resource root = new Resource().putChild("hold", new Resource().on(HttpMethod.PUT, request -> {
      held.add(request);
      return Rendered.streaming();
    }));
    Wire wire = new Wire(root, clock);
    wire.send(put("/hold", "abc"));
    Request request = held.get(0);
    SpooledBytes first = successResultOf(request.spooledContent(UploadOptions.DEFAULT));
    assertThat(successResultOf(request.spooledContent(UploadOptions.DEFAULT))).isSameAs(first);
    assertThatThrownBy(request::content).isInstanceOf(IllegalStateException.class);
    request.finish();
    wire.close();
  }
}
