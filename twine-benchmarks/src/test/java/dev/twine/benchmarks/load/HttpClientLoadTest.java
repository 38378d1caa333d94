package dev.twine.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.nio.NioReactor;
import dev.twine.web.Hello;
import dev.twine.web.Site;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each client of {@link HttpClientLoad} for about a second against Twine's hello site. */
@Timeout(60)
class HttpClientLoadTest {
  private static final Pattern RATE = Pattern.compile("\"value\": ([0-9.]+)");

  private static NioReactor server;
  private static int port;

  @BeforeAll
  static void serveHello() throws Exception {
    server = new NioReactor();
    Thread.ofPlatform().daemon().name("hello").start(server::run);
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    server.callFromThread(() -> listening.complete(((IPv4Address) server.listenTcp(0,
        new Site(Hello.root(), server), 128, "127.0.0.1").address()).port()));
    port = listening.get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run load(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = HttpClientLoad.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty", "vertx"})
  void measuresAPositiveRate(String client) throws Exception {
    Run run = load("--host", "127.0.0.1", "--port", Integer.toString(port), "--path", "/plaintext",
        "--client", client, "--concurrency", "16", "--duration", "1", "--warmup", "0.3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String last = run.out().strip().lines().reduce((first, second) -> second).orElseThrow();
    assertThat(last).startsWith("{\"client\": \"" + client + "\"").endsWith("}")
        .contains("\"unit\": \"req/s\"", "\"p99_us\": ");
    Matcher rate = RATE.matcher(last);
    assertThat(rate.find()).isTrue();
    assertThat(Double.parseDouble(rate.group(1))).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty", "vertx"})
  void aStatusOtherThan200ExitsOneWithOneLine(String client) throws Exception {
    Run run = load("--port", Integer.toString(port), "--path", "/missing", "--client", client,
        "--concurrency", "4", "--duration", "5", "--warmup", "0");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("HttpClientLoad: the server answered 404 instead of 200"
        + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownClientIsAnArgumentError() throws Exception {
    Run run = load("--port", Integer.toString(port), "--client", "curl");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("HttpClientLoad: --client must be twine, netty or vertx");
  }
}
