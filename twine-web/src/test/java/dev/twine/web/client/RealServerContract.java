package dev.twine.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent must do with any real HTTP/1.1 server that serves {@link #writeFiles the test
 * files} and, besides them, {@code /old} (a {@code 301} to {@code /hello.txt}), {@code /echo}
 * (answers {@code "POST LENGTH\n"} to a {@code POST}) and {@code /gzip.txt} gzip-encoded, with
 * chunked framing, for clients that accept it. Each test class runs one server.
 */
interface RealServerContract {
  String HELLO = "hello from a real server\n";
  String TEXT = "Twine speaks HTTP/1.1 to servers it did not write.\n".repeat(400);
  int BIG = 8 << 20;

  /** Writes {@code hello.txt}, {@code gzip.txt} and {@code big.bin} ({@link #BIG} bytes) into {@code root}. */
  static void writeFiles(Path root) throws IOException {
    Files.writeString(root.resolve("hello.txt"), HELLO);
    Files.writeString(root.resolve("gzip.txt"), TEXT);
    Files.write(root.resolve("big.bin"), bigFile());
  }

  /** Returns the content of {@code big.bin}: the same random bytes every time. */
  static byte[] bigFile() {
    byte[] big = new byte[BIG];
    new Random(42).nextBytes(big);
    return big;
  }

  /** Returns the running server. */
  PeerServer server();

  /** Returns the reactor of this test. */
  ReactorThread loop();

  /** Returns the pool of this test, on {@link #loop()}'s reactor. */
  ConnectionPool pool();

  private Agent agent() {
    return loop().call(() -> Agent.create(loop().reactor, pool(), AgentOptions.DEFAULT));
  }

  private String get(Agent agent, String path) {
    return loop().await(() -> agent.request(HttpMethod.GET, server().base() + path)
        .flatMap(response -> response.readBody(1 << 20))).utf8();
  }

  private int open() {
    return loop().call(() -> pool().openCount(server().origin()));
  }

  @AfterEach
  default void closeConnections() {
    loop().await(pool()::closeCachedConnections);
    loop().close();
  }

  @Test
  default void reusesOneKeptAliveConnectionForRequestsInTurn() {
    Agent agent = agent();

    for (int i = 0; i < 5; i++) {
      assertThat(get(agent, "/hello.txt")).isEqualTo(HELLO);
      assertThat(open()).isEqualTo(1);
    }
    assertThat(loop().call(() -> pool().idleCount(server().origin()))).isEqualTo(1);
  }

  @Test
  default void headTellsTheLengthWithoutABody() {
    Agent agent = agent();

    Response head = loop().await(() -> agent.request(HttpMethod.HEAD, server().base() + "/big.bin"));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers().first("Content-Length")).contains(Integer.toString(BIG));
    assertThat(head.length()).hasValue(0);
    assertThat(loop().await(() -> head.readBody(10)).size()).isZero();
    assertThat(get(agent, "/hello.txt")).isEqualTo(HELLO);
    assertThat(open()).isEqualTo(1);
  }

  @Test
  default void postsABodyAndKeepsTheConnection() {
    Agent agent = agent();
    Bytes upload = Bytes.of(new byte[100_000]);

    Response posted = loop().await(() -> agent.request(HttpMethod.POST, server().base() + "/echo",
        Headers.of("Content-Type", "application/octet-stream"), BodyProducer.of(upload)));

    assertThat(posted.status()).isEqualTo(200);
    assertThat(loop().await(() -> posted.readBody(1000)).utf8()).isEqualTo("POST 100000\n");
    assertThat(get(agent, "/hello.txt")).isEqualTo(HELLO);
    assertThat(open()).isEqualTo(1);
  }

  @Test
  default void followsAPermanentRedirect() {
    Agent agent = loop().call(() -> new RedirectAgent(
        Agent.create(loop().reactor, pool(), AgentOptions.DEFAULT)));

    Response moved = loop().await(() -> agent.request(HttpMethod.GET, server().base() + "/old"));

    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.uri()).isEqualTo(server().base() + "/hello.txt");
    assertThat(moved.previous().orElseThrow().status()).isEqualTo(301);
    assertThat(loop().await(() -> moved.readBody(1000)).utf8()).isEqualTo(HELLO);
  }

  @Test
  default void decodesAChunkedGzipBody() {
    Agent plain = agent();
    Agent decoding = loop().call(() -> new ContentDecoderAgent(plain));

    Response encoded = loop().await(() -> plain.request(HttpMethod.GET,
        server().base() + "/gzip.txt", Headers.of("Accept-Encoding", "gzip"), null));
    Bytes compressed = loop().await(() -> encoded.readBody(1 << 20));
    String decoded = get(decoding, "/gzip.txt");

    assertThat(encoded.headers().first("Content-Encoding")).contains("gzip");
    assertThat(encoded.length()).isEmpty();
    assertThat(compressed.size()).isPositive().isLessThan(TEXT.length() / 4);
    assertThat(decoded).isEqualTo(TEXT);
    assertThat(open()).isEqualTo(1);
  }

  @Test
  default void readsABodyOfSeveralMebibytes() {
    Agent agent = agent();

    Bytes big = loop().await(() -> agent.request(HttpMethod.GET, server().base() + "/big.bin")
        .flatMap(response -> response.readBody(BIG)));

    assertThat(big.toByteArray()).isEqualTo(bigFile());
    assertThat(get(agent, "/hello.txt")).isEqualTo(HELLO);
    assertThat(open()).isEqualTo(1);
  }

  @Test
  default void readsA404AndKeepsTheConnection() {
    Agent agent = agent();

    Response missing = loop().await(() -> agent.request(HttpMethod.GET, server().base() + "/nothing"));

    assertThat(missing.status()).isEqualTo(404);
    assertThat(loop().await(() -> missing.readBody(1 << 16)).utf8()).isNotEmpty();
    assertThat(get(agent, "/hello.txt")).isEqualTo(HELLO);
    assertThat(open()).isEqualTo(1);
  }
}
