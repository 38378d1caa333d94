package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectionLost;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Request#writeFile}: regions of a file as pieces of a response body. */
@TwineTest
class RequestWriteFileTest {
  @TempDir Path dir;
  private final List<Request> requests = new ArrayList<>();
  private FileChannel file;

  @BeforeEach
  void openFile() throws IOException {
    Path path = dir.resolve("data.txt");
    Files.writeString(path, "0123456789");
    file = FileChannel.open(path);
  }

  private Resource root() {
    return new Resource().putChild("hold", new Resource().on(HttpMethod.GET, request -> {
      requests.add(request);
      return Rendered.streaming();
    }));
  }

  @Test
  void aRegionWrittenWhileTheResponseWaitsGoesOutOnItsTurn(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Request second = requests.get(1);
    second.setHeader("Content-Length", "6");
    Deferred<@Nullable Void> sent = second.writeFile(file, 2, 4);
    second.write(dev.twine.bytes.Bytes.ascii("!!"));
    second.finish();
    assertNoResult(sent);

    requests.get(0).finish();

    assertThat(successResultOf(sent)).isNull();
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly("", "2345!!");
    wire.close();
    file.close();
  }

  @Test
  void aWaitingRegionFailsWhenTheClientGoesAway(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    requests.get(1).setHeader("Content-Length", "10");
    Deferred<@Nullable Void> sent = requests.get(1).writeFile(file, 0, 10);

    wire.clientGoesAway();

    failureResultOf(sent, ConnectionLost.class);
    assertThat(successResultOf(requests.get(1).writeFile(file, 0, 10))).isNull();
    file.close();
  }

  @Test
  void headCountsTheRegionWithoutReadingIt(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send("HEAD /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Request request = requests.get(0);

    assertThat(successResultOf(request.writeFile(file, 0, 1_000_000))).isNull();
    request.finish();

    assertThat(wire.responses(List.of(HttpMethod.HEAD)).get(0).header("Content-Length"))
        .hasValue("1000000");
    wire.close();
    file.close();
  }

  @Test
  void refusesAChunkedBodyAndBadRegions(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Request request = requests.get(0);

    assertThatThrownBy(() -> request.writeFile(file, -1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request.writeFile(file, 0, 2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("chunked");
    wire.clientGoesAway();
    file.close();
  }
}
