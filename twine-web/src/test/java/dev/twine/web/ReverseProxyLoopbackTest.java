package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionClosed;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.client.ConnectionPool;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reverse proxy on real sockets, asked by the JDK's HTTP client: in front of Python's {@code
 * http.server} and of Twine's own server, with large bodies both ways, a dead upstream, and a
 * client that hangs up.
 */
@Timeout(60)
class ReverseProxyLoopbackTest {
  private static final int SIZE = 5 * 1024 * 1024;
  private static final Pattern SERVING = Pattern.compile("port (\\d+)");

  private final Resource front = new Resource();
  private final LiveSite proxy = new LiveSite(front);
  private final ConnectionPool pool = proxy.call(() -> new ConnectionPool(proxy.reactor));
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final CompletableFuture<Request> hanging = new CompletableFuture<>();
  private final CompletableFuture<Failure> hungUp = new CompletableFuture<>();
  private LiveSite upstream;
  private Process python;

  @AfterEach
  void tearDown() throws InterruptedException {
    client.close();
    proxy.call(pool::closeCachedConnections);
    proxy.close();
    if (upstream != null) {
      upstream.close();
    }
    if (python != null) {
      python.destroy();
      if (!python.waitFor(10, TimeUnit.SECONDS)) {
        python.destroyForcibly();
      }
    }
  }

  /** Mounts a proxy to {@code target} at {@code /name} of the front site. */
  private void mount(String name, String target) {
    proxy.call(() -> front.putChild(name, new ReverseProxyResource(
        Agent.create(proxy.reactor, pool, AgentOptions.DEFAULT), target)));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(LiveSite.PATIENCE).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder to(String path) {
    return HttpRequest.newBuilder(URI.create(proxy.url() + path));
  }

  /**
   * Starts Twine's own upstream, {@link LiveTree} plus {@code /headers}, {@code /count} and {@code
   * /hang}, and mounts it at {@code /up}.
   */
  private void startUpstream() {
    Resource root = LiveTree.root();
    root.putChild("headers", new Resource().on(HttpMethod.GET, request -> {
      StringBuilder seen = new StringBuilder();
      Headers headers = request.requestHeaders();
      for (int i = 0; i < headers.size(); i++) {
        seen.append(headers.name(i)).append(": ").append(headers.value(i)).append('\n');
      }
      return Rendered.body(seen.toString());
    }));
    root.putChild("count", new Resource().on(HttpMethod.PUT, request -> {
      CRC32 crc = new CRC32();
      long[] size = {0};
      request.deliverBody(new BodyReceiver() {
        @Override
        public void bodyReceived(Bytes data) {
          crc.update(data.toByteArray());
          size[0] += data.size();
        }

        @Override
        public void bodyEnded(Headers trailers) {
          request.write(Bytes.ascii(size[0] + " " + Long.toHexString(crc.getValue())));
          request.finish();
        }

        @Override
        public void bodyFailed(Failure reason) {}
      });
      return Rendered.streaming();
    }));
    root.putChild("hang", new Resource().on(HttpMethod.GET, request -> {
      request.notifyFinish().onFailure(hungUp::complete);
      hanging.complete(request);
      return Rendered.streaming();
    }));
    upstream = new LiveSite(root);
    mount("up", upstream.url());
  }

  @Test
  void forwardsToPythonsHttpServer(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("hello.txt"), "hello from python\n");
    byte[] big = new byte[SIZE];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Files.write(root.resolve("big.bin"), big);
    try {
      python = new ProcessBuilder("python3", "-u", "-m", "http.server", "0", "--bind",
          "127.0.0.1", "--directory", root.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 is not installed: " + e.getMessage());
    }
    BufferedReader output = new BufferedReader(
        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    Matcher port = SERVING.matcher(line == null ? "" : line);
    assertThat(port.find()).as("http.server said: %s", line).isTrue();
    Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> { }));
    mount("py", "http://127.0.0.1:" + port.group(1));

    HttpResponse<byte[]> hello = send(to("/py/hello.txt"));
    HttpResponse<byte[]> download = send(to("/py/big.bin"));
    HttpResponse<byte[]> missing = send(to("/py/missing.txt"));

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(new String(hello.body(), StandardCharsets.UTF_8)).isEqualTo("hello from python\n");
    assertThat(hello.headers().firstValue("Server")).hasValueSatisfying(
        server -> assertThat(server).startsWith("SimpleHTTP"));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(Arrays.equals(download.body(), big)).as("5 MiB intact").isTrue();
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void streamsLargeBodiesBothWaysThroughToTwinesOwnServer() throws Exception {
    startUpstream();
    byte[] upload = new byte[SIZE];
    for (int i = 0; i < upload.length; i++) {
      upload[i] = (byte) (i * 7);
    }
    CRC32 crc = new CRC32();
    crc.update(upload);

    HttpResponse<byte[]> counted = send(to("/up/count").PUT(HttpRequest.BodyPublishers
        .ofInputStream(() -> new ByteArrayInputStream(upload))));
    HttpResponse<byte[]> download = send(to("/up/big"));

    assertThat(new String(counted.body(), StandardCharsets.US_ASCII))
        .isEqualTo(SIZE + " " + Long.toHexString(crc.getValue()));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).hasSize(LiveTree.BIG);
    assertThat(download.headers().firstValue("Content-Length"))
        .contains(Integer.toString(LiveTree.BIG));
  }

  @Test
  void tellsTheUpstreamWhoAsked() throws Exception {
    startUpstream();

    String seen = new String(send(to("/up/headers").header("X-Forwarded-For", "198.51.100.7"))
        .body(), StandardCharsets.UTF_8);

    assertThat(seen).contains("X-Forwarded-For: 198.51.100.7, 127.0.0.1\n",
        "X-Forwarded-Proto: http\n", "X-Forwarded-Host: 127.0.0.1:" + proxy.port() + "\n",
        "Forwarded: for=127.0.0.1;proto=http;host=\"127.0.0.1:" + proxy.port() + "\"\n",
        "Host: 127.0.0.1:" + upstream.port() + "\n");
  }

  @Test
  void anUpstreamThatIsDownGets502() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    mount("dead", "http://127.0.0.1:" + closed);

    HttpResponse<byte[]> response = send(to("/dead/anything"));

    assertThat(response.statusCode()).isEqualTo(502);
  }

  @Test
  void aClientThatResetsTheConnectionCancelsTheUpstreamRequest() throws Exception {
    startUpstream();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      socket.setSoLinger(true, 0);
      OutputStream out = socket.getOutputStream();
      out.write("GET /up/hang HTTP/1.1\r\nHost: proxy\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      hanging.get(10, TimeUnit.SECONDS);
    }

    Failure reason = hungUp.get(10, TimeUnit.SECONDS);
    assertThat(reason.exception()).isInstanceOf(ConnectionClosed.class);
  }
}
