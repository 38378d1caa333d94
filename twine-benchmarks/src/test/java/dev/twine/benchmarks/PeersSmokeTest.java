package dev.twine.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.application.MultiService;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.benchmarks.load.LoadFailure;
import dev.twine.benchmarks.load.Result;
import dev.twine.benchmarks.load.WebSocketLoad;
import dev.twine.benchmarks.servers.NettyHttpServer;
import dev.twine.benchmarks.servers.VertxHttpServer;
import dev.twine.cli.commands.HelloCommand;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.nio.NioReactor;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The HTTP peers of the side-by-side benchmark, in this JVM on ephemeral ports: Netty's, Vert.x's
 * and {@code twine hello}'s answers follow TechEmpower's rules, pipelined requests all get their
 * answers, the static files come back whole, and {@link WebSocketLoad} runs against each echo.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeersSmokeTest {
  private static final String HTTP_DATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

  @TempDir static Path files;
  private byte[] file;
  private NettyHttpServer netty;
  private VertxHttpServer vertx;
  private NioReactor reactor;
  private Thread reactorThread;
  private Map<String, Integer> ports;
  private HttpClient client;

  @BeforeAll
  void startPeers() throws Exception {
    file = new byte[100_000];
    new Random(42).nextBytes(file);
    Files.write(files.resolve("data.bin"), file);
    netty = NettyHttpServer.start(0, 1, NettyTransport.NIO, files);
    vertx = VertxHttpServer.start(0, 1, files);
    ports = Map.of("netty", netty.port(), "vertx", vertx.port(), "twine", startTwineHello());
    client = HttpClient.newHttpClient();
  }

  /** Runs {@code twine hello --listen tcp:0:interface=127.0.0.1} on a reactor of this JVM. */
  private int startTwineHello() throws Exception {
    reactor = new NioReactor();
    HelloCommand hello = new HelloCommand();
    new CommandLine(hello).parseArgs("--listen", "tcp:0:interface=127.0.0.1");
    MultiService service = (MultiService) hello.makeService(reactor);
    StreamServerEndpointService listener = (StreamServerEndpointService) service.services().get(0);
    CompletableFuture<Integer> port = new CompletableFuture<>();
    reactor.callWhenRunning(() -> {
      service.startService();
      listener.whenListening().map(listening -> port.complete(((IPv4Address) listening.address()).port()));
    });
    reactorThread = Thread.ofPlatform().name("twine-hello").start(reactor::run);
    return port.get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stopPeers() throws Exception {
    client.close();
    netty.close();
    vertx.close();
    reactor.callFromThread(reactor::stop);
    reactorThread.join(Duration.ofSeconds(30));
    assertThat(reactorThread.isAlive()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"netty", "vertx", "twine"})
  void plaintextAndJsonFollowTechEmpowersRules(String peer) throws Exception {
    HttpResponse<String> plaintext = get(peer, "/plaintext");
    HttpResponse<String> json = get(peer, "/json");

    for (HttpResponse<String> response : List.of(plaintext, json)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Server")).get().asString().isNotBlank();
      assertThat(response.headers().firstValue("Date")).get().asString().matches(HTTP_DATE);
      assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
    }
    assertThat(plaintext.body()).isEqualTo("Hello, World!");
    assertThat(plaintext.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(json.body()).isEqualTo("{\"message\":\"Hello, World!\"}");
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"netty", "vertx", "twine"})
  void answersSixteenPipelinedRequestsOnOneConnection(String peer) throws IOException {
    String request = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String last = "GET /json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", ports.get(peer))) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write((request.repeat(15) + last).getBytes(StandardCharsets.US_ASCII));
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(17);
      assertThat(answers.split("Hello, World!", -1)).hasSize(17);
      assertThat(answers).endsWith("{\"message\":\"Hello, World!\"}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"netty", "vertx"})
  void servesAStaticFileWholeAndNothingOutsideTheDirectory(String peer) throws Exception {
    HttpResponse<byte[]> data = client.send(request(peer, "/files/data.bin"), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> missing = client.send(request(peer, "/files/none.bin"), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> outside = client.send(request(peer, "/files/..%2Fdata.bin"), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(data.statusCode()).isEqualTo(200);
    assertThat(data.body()).isEqualTo(file);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(outside.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"netty", "vertx", "twine"})
  void webSocketLoadExchangesSmallAndLargeMessages(String peer) throws Exception {
    for (int size : new int[] {32, 16384}) {
      Result result = WebSocketLoad.measure(webSocketArgs(peer, "/ws", size, 10));

      assertThat(result.number("messages")).as("%s, %d bytes", peer, size).isPositive();
      assertThat(result.number("value")).isPositive();
      assertThat(result.number("p99_us")).isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"netty", "vertx", "twine"})
  void webSocketLoadFailsWhereThereIsNoEcho(String peer) {
    org.assertj.core.api.Assertions.assertThatExceptionOfType(LoadFailure.class)
        .isThrownBy(() -> WebSocketLoad.measure(webSocketArgs(peer, "/plaintext", 32, 2)))
        .withMessageContaining("handshake");
  }

  private Args webSocketArgs(String peer, String path, int size, int connections) {
    return Args.parse(new String[] {"--port", ports.get(peer).toString(), "--path", path,
        "--size", String.valueOf(size), "--connections", String.valueOf(connections),
        "--duration", "1", "--warmup", "0"}, "port", "path", "size", "connections", "duration",
        "warmup");
  }

  private HttpResponse<String> get(String peer, String path) throws Exception {
    return client.send(request(peer, path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String peer, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(peer) + path))
        .timeout(Duration.ofSeconds(30)).build();
  }
}
