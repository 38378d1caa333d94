package dev.twine.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.benchmarks.servers.NettyTlsEchoServer;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.nio.NioReactor;
import dev.twine.internet.tls.CertifiedKey;
import dev.twine.internet.tls.TlsServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each TLS load generator for about a second against a Twine TLS echo server and Netty's, in this
 * process, with a self-signed certificate from the test resources.
 */
@Timeout(120)
class TlsLoadTest {
  private static final Pattern RATE = Pattern.compile("\"value\": ([0-9.]+)");

  private static NioReactor twine;
  private static NettyTlsEchoServer netty;
  private static Map<String, Integer> ports;

  /** Writes back what it reads, or as many zeros when it is to misbehave. */
  private static final class Echo extends Protocol {
    private final boolean misbehave;

    Echo(boolean misbehave) {
      this.misbehave = misbehave;
    }

    @Override
    public void dataReceived(Bytes data) {
      transport().write(misbehave ? Bytes.wrap(new byte[data.size()]) : data);
    }
  }

  @BeforeAll
  static void serve() throws Exception {
    Path cert = resource("cert.pem");
    Path key = resource("key.pem");
    TlsServerOptions options = TlsServerOptions.of(CertifiedKey.load(key, cert));
    twine = new NioReactor();
    Thread.ofPlatform().daemon().name("twine-tls-echo").start(twine::run);
    int echo = listen(() -> twine.listenTls(0, Factory.forProtocol(() -> new Echo(false)), options, 128, "127.0.0.1"));
    int wrong = listen(() -> twine.listenTls(0, Factory.forProtocol(() -> new Echo(true)), options, 128, "127.0.0.1"));
    netty = NettyTlsEchoServer.start(0, cert.toFile(), key.toFile(), 1);
    ports = Map.of("twine", echo, "netty", netty.port(), "wrong", wrong);
  }

  private static int listen(Supplier<dev.twine.internet.ListeningPort> listening) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    twine.callFromThread(() -> port.complete(((IPv4Address) listening.get().address()).port()));
    return port.get(10, TimeUnit.SECONDS);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TlsLoadTest.class.getResource(name).toURI());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    twine.stop();
    netty.close();
  }

  private record Run(int exitCode, String out, String err) {
    double rate() {
      String last = out.strip().lines().reduce((first, second) -> second).orElseThrow();
      assertThat(last).startsWith("{").endsWith("}").contains("\"p99_us\": ");
      Matcher rate = RATE.matcher(last);
      assertThat(rate.find()).as(last).isTrue();
      return Double.parseDouble(rate.group(1));
    }
  }

  private interface Load {
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
  }

  private static Run load(Load load, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = load.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty"})
  void measuresHandshakesPerSecond(String server) throws Exception {
    Run run = load(TlsHandshakeLoad::run, "--host", "127.0.0.1", "--port", ports.get(server).toString(),
        "--duration", "1", "--warmup", "0.2", "--concurrency", "4");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"unit\": \"handshakes/s\"");
    assertThat(run.rate()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty"})
  void measuresEchoedMegabytesPerSecond(String server) throws Exception {
    Run run = load(TlsBulkLoad::run, "--host", "127.0.0.1", "--port", ports.get(server).toString(),
        "--duration", "1", "--warmup", "0.2", "--size", "16384", "--connections", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"unit\": \"MB/s\"");
    assertThat(run.rate()).isPositive();
  }

  @Test
  void aServerThatEchoesSomethingElseEndsTheRunWithExitCodeOne() throws Exception {
    Run handshakes = load(TlsHandshakeLoad::run, "--port", ports.get("wrong").toString(),
        "--duration", "5", "--warmup", "0", "--concurrency", "2");
    Run bulk = load(TlsBulkLoad::run, "--port", ports.get("wrong").toString(),
        "--duration", "5", "--warmup", "0", "--size", "64", "--connections", "1");

    assertThat(handshakes.exitCode()).isEqualTo(1);
    assertThat(handshakes.err()).startsWith("TlsHandshakeLoad: the server echoed 0 instead of 'x'")
        .hasLineCount(1);
    assertThat(bulk.exitCode()).isEqualTo(1);
    assertThat(bulk.err()).isEqualTo("TlsBulkLoad: the server echoed different bytes than it was sent"
        + System.lineSeparator());
  }

  @Test
  void anUnknownOptionIsAnArgumentError() throws Exception {
    Run run = load(TlsBulkLoad::run, "--port", "1", "--sise", "10");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("TlsBulkLoad: unknown option --sise");
  }
}
