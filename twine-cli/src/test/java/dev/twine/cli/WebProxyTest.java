package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.application.MultiService;
import dev.twine.application.Service;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.bytes.Bytes;
import dev.twine.cli.commands.WebCommand;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.nio.NioReactor;
import dev.twine.web.Rendered;
import dev.twine.web.Request;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code twine web --proxy}: the command as {@code twine} parses and builds it, run on a reactor of
 * this JVM in front of a Twine site that tells what reached it, over real sockets.
 */
@Timeout(60)
class WebProxyTest {
  @TempDir
  static Path directory;

  private static NioReactor backend;
  private static NioReactor proxy;
  private static String base;
  private static int backendPort;

  /** Answers with what it received: method, path and query, some header fields and the body. */
  private static final class Mirror extends Resource {
    @Override
    public boolean isLeaf() {
      return true;
    }

    @Override
    public Rendered render(Request request) {
      return Rendered.later(request.content().map(body -> Bytes.utf8(
          request.method() + " " + request.uri()
              + "\nHost: " + request.header("Host").orElse("-")
              + "\nX-Test: " + request.header("X-Test").orElse("-")
              + "\nX-Forwarded-For: " + request.header("X-Forwarded-For").orElse("-")
              + "\nX-Forwarded-Host: " + request.header("X-Forwarded-Host").orElse("-")
              + "\nVia: " + request.header("Via").orElse("-")
              + "\nbody: " + body.utf8())));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(directory.resolve("data.txt"), "a file\n");
    backend = new NioReactor();
    Thread.ofPlatform().daemon().name("backend").start(backend::run);
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    backend.callFromThread(() -> listening.complete(((IPv4Address) backend.listenTcp(0,
        new Site(new Resource().putChild("v1", new Mirror()), backend), 50, "127.0.0.1")
        .address()).port()));
    backendPort = listening.get(10, TimeUnit.SECONDS);

    proxy = new NioReactor();
    Service service = web(proxy, "--path", directory.toString(), "--listen",
        "tcp:0:interface=127.0.0.1", "--add-header", "X-Served-By: twine", "--proxy",
        "/api=http://127.0.0.1:" + backendPort + "/v1");
    CompletableFuture<Integer> proxying = new CompletableFuture<>();
    proxy.callWhenRunning(() -> {
      service.startService();
      StreamServerEndpointService listener =
          (StreamServerEndpointService) ((MultiService) service).services().get(0);
      listener.whenListening().map(port -> proxying.complete(((IPv4Address) port.address()).port()));
    });
    Thread.ofPlatform().daemon().name("twine-web").start(proxy::run);
    base = "http://127.0.0.1:" + proxying.get(10, TimeUnit.SECONDS);
  }

  /** Parses {@code arguments} as {@code twine web} does and returns the command's service. */
  private static Service web(NioReactor reactor, String... arguments) {
    WebCommand command = new WebCommand();
    CommandLine cli = Main.commandLine(List.of(command));
    String[] line = new String[arguments.length + 1];
    line[0] = "web";
    System.arraycopy(arguments, 0, line, 1, arguments.length);
    cli.parseArgs(line);
    return command.makeService(reactor);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.stop();
    }
    if (backend != null) {
      backend.stop();
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void forwardsThePathBelowThePrefixWithTheQueryHeadersAndForwardingFields() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(
        URI.create(base + "/api/users/a%20b?id=7")).header("X-Test", "yes"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Served-By")).contains("twine");
    assertThat(response.body().lines()).containsExactly(
        "GET /v1/users/a%20b?id=7",
        "Host: 127.0.0.1:" + backendPort,
        "X-Test: yes",
        "X-Forwarded-For: 127.0.0.1",
        "X-Forwarded-Host: " + base.substring("http://".length()),
        "Via: 1.1 twine",
        "body: ");
  }

  @Test
  void forwardsTheBodyOfAPostAndThePrefixItself() throws Exception {
    HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/api/items"))
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))));
    HttpResponse<String> prefix = send(HttpRequest.newBuilder(URI.create(base + "/api")));

    assertThat(posted.body()).startsWith("POST /v1/items\n").endsWith("body: " + "x".repeat(100_000));
    assertThat(prefix.body()).startsWith("GET /v1\n");
  }

  @Test
  void servesTheFilesOutsideThePrefix() throws Exception {
    HttpResponse<String> file = send(HttpRequest.newBuilder(URI.create(base + "/data.txt")));
    HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(base + "/apis/x")));

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("a file\n");
    assertThat(file.headers().firstValue("X-Served-By")).contains("twine");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void aBadPrefixOrUrlIsAUsageErrorOnOneLine() {
    assertUsageError("api=http://127.0.0.1:1",
        "--proxy must be /PREFIX=URL, such as /api=http://127.0.0.1:9000: \"api=http://127.0.0.1:1\"");
    assertUsageError("/a/b=http://127.0.0.1:1", "--proxy: the prefix must be one path segment"
        + " such as /api, without /, ?, #, % or spaces: \"/a/b\"");
    assertUsageError("/api=ftp://127.0.0.1:1", "--proxy /api: the upstream must be an absolute"
        + " http or https URI with a host: \"ftp://127.0.0.1:1\"");
  }

  private static void assertUsageError(String proxyOption, String message) {
    StringWriter err = new StringWriter();

    int exitCode = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "web", "--path", directory.toString(), "--listen", "tcp:0", "--proxy", proxyOption);

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("twine: " + message + " (see 'twine web --help')" + System.lineSeparator());
  }
}
