package dev.twine.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a server no one here wrote: Python's {@code http.server}, serving files in
 * HTTP/1.0 (a connection per request) and in HTTP/1.1 (kept alive).
 */
@Timeout(60)
class PythonHttpServerTest {
  private static final Pattern SERVING = Pattern.compile("port (\\d+)");

  @TempDir
  Path root;

  private final ReactorThread loop = new ReactorThread();
  private final ConnectionPool pool = loop.call(() -> new ConnectionPool(loop.reactor));
  private Process python;

  @AfterEach
  void tearDown() throws InterruptedException {
    loop.await(pool::closeCachedConnections);
    loop.close();
    if (python != null) {
      python.destroy();
      if (!python.waitFor(10, TimeUnit.SECONDS)) {
        python.destroyForcibly();
      }
    }
  }

  /** Starts {@code http.server} on a free port speaking {@code protocol}; returns its base URI. */
  private String serve(String protocol) throws IOException {
    Files.writeString(root.resolve("hello.txt"), "hello from python\n");
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/index.html"), "<p>docs</p>");
    byte[] big = new byte[300 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    Files.write(root.resolve("big.bin"), big);
    try {
      python = new ProcessBuilder("python3", "-u", "-m", "http.server", "0", "--bind",
          "127.0.0.1", "--directory", root.toString(), "--protocol", protocol)
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 is not installed: " + e.getMessage());
    }
    BufferedReader output = new BufferedReader(
        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    Matcher port = SERVING.matcher(line == null ? "" : line);
    assertThat(port.find()).as("http.server said: %s", line).isTrue();
    Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> { }));
    return "http://127.0.0.1:" + port.group(1);
  }

  private Agent agent() {
    return loop.call(() -> Agent.create(loop.reactor, pool, AgentOptions.DEFAULT));
  }

  @Test
  void readsFilesOverHttp10() throws IOException {
    String base = serve("HTTP/1.0");
    Agent agent = agent();

    Response response = loop.await(() -> agent.request(HttpMethod.GET, base + "/hello.txt"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_1_0);
    assertThat(loop.await(() -> response.readBody(1000)).utf8()).isEqualTo("hello from python\n");
    Bytes big = loop.await(() -> agent.request(HttpMethod.GET, base + "/big.bin")
        .flatMap(r -> r.readBody(1 << 20)));
    assertThat(big.size()).isEqualTo(300 * 1024);
    assertThat(big.get(1000)).isEqualTo((byte) 1000);
    assertThat(loop.call(() -> pool.idleCount(new Origin("http", "127.0.0.1",
        Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))))).isZero();
  }

  @Test
  void keepsTheConnectionAliveOverHttp11() throws IOException {
    String base = serve("HTTP/1.1");
    Agent agent = agent();
    Origin origin = new Origin("http", "127.0.0.1",
        Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));

    for (int i = 0; i < 3; i++) {
      assertThat(loop.await(() -> agent.request(HttpMethod.GET, base + "/hello.txt")
          .flatMap(r -> r.readBody(1000))).utf8()).isEqualTo("hello from python\n");
      assertThat(loop.call(() -> pool.openCount(origin))).isEqualTo(1);
    }
    Response head = loop.await(() -> agent.request(HttpMethod.HEAD, base + "/big.bin"));
    assertThat(head.headers().first("Content-Length")).contains(Integer.toString(300 * 1024));
    assertThat(head.length()).hasValue(0);
    assertThat(loop.await(() -> head.readBody(10)).size()).isZero();
    assertThat(loop.call(() -> pool.idleCount(origin))).isEqualTo(1);
  }

  @Test
  void followsTheRedirectToADirectoryAndGets404ForWhatIsMissing() throws IOException {
    String base = serve("HTTP/1.1");
    Agent agent = loop.call(() -> new RedirectAgent(
        Agent.create(loop.reactor, pool, AgentOptions.DEFAULT)));

    Response docs = loop.await(() -> agent.request(HttpMethod.GET, base + "/docs"));
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.uri()).isEqualTo(base + "/docs/");
    assertThat(docs.previous().orElseThrow().status()).isEqualTo(301);
    assertThat(loop.await(() -> docs.readBody(1000)).utf8()).isEqualTo("<p>docs</p>");

    Response missing = loop.await(() -> agent.request(HttpMethod.GET, base + "/nothing"));
    assertThat(missing.status()).isEqualTo(404);
    loop.await(() -> missing.readBody(1 << 16));
  }
}
