package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code twine chat --web} as a process: line clients, the JDK's WebSocket client and headless
 * Chromium (when installed) in one room.
 */
@Timeout(90)
class ChatWebEndToEndTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern PAGE = Pattern.compile("chat page on TCP:127\\.0\\.0\\.1:(\\d+)");

  private TwineProcess twine;
  private HttpClient client;
  private int linePort;
  private int webPort;
  private @Nullable Process chromium;
  private @Nullable Path profile;

  @BeforeEach
  void startChat() throws Exception {
    twine = TwineProcess.start("chat", "--listen", "tcp:0:interface=127.0.0.1",
        "--web", "tcp:0:interface=127.0.0.1");
    List<Integer> ports = List.of(twine.awaitPort(), twine.awaitPort());
    Matcher page = PAGE.matcher(twine.stderr());
    assertThat(page.find()).as("the page's address is logged:%n%s", twine.stderr()).isTrue();
    webPort = Integer.parseInt(page.group(1));
    assertThat(ports).contains(webPort);
    linePort = ports.get(0) == webPort ? ports.get(1) : ports.get(0);
    client = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() throws IOException {
    Process browser = chromium;
    if (browser != null) {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly();
      try {
        browser.waitFor(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Path directory = profile;
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    client.close();
    twine.close();
  }

  private LineSocket join(String name) throws IOException {
    LineSocket member = new LineSocket(linePort);
    assertThat(member.readLine()).isEqualTo("What's your name?");
    member.sendLine(name);
    assertThat(member.readLine()).isEqualTo("Welcome, " + name + "!");
    return member;
  }

  @Test
  void servesASelfContainedPage() throws Exception {
    HttpResponse<String> page = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<title>Twine chat</title>", "new WebSocket(")
        .doesNotContain("src=", "href=", "http://", "https://");
  }

  @Test
  void lineAndWebSocketClientsSeeEachOthersMessagesAndShareNames() throws Exception {
    try (LineSocket alice = join("alice")) {
      WebSocketListener.Connected web =
          WebSocketListener.connect(client, "ws://127.0.0.1:" + webPort + "/ws");
      assertThat(web.heard().next()).isEqualTo("text What's your name?");
      web.socket().sendText("alice", true).join();
      assertThat(web.heard().next()).isEqualTo("text Name taken, please choose another.");
      web.socket().sendText("bob", true).join();
      assertThat(web.heard().next()).isEqualTo("text Welcome, bob!");

      alice.sendLine("hi, bob");
      assertThat(web.heard().next()).isEqualTo("text <alice> hi, bob");
      web.socket().sendText("hi, alice\nhow are you?", true).join();
      assertThat(alice.readLine()).isEqualTo("<bob> hi, alice");
      assertThat(alice.readLine()).isEqualTo("<bob> how are you?");

      try (LineSocket impostor = new LineSocket(linePort)) {
        assertThat(impostor.readLine()).isEqualTo("What's your name?");
        impostor.sendLine("bob");
        assertThat(impostor.readLine()).isEqualTo("Name taken, please choose another.");
      }
      web.socket().sendClose(1000, "bye").join();
      assertThat(web.heard().next()).isEqualTo("close 1000");
    }
  }

  @Test
  void aBrowserOnThePageChatsWithALineClient() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "install chromium (apt-get install chromium) to run this test");
    try (LineSocket bob = join("bob")) {
      profile = Files.createTempDirectory("twine-chromium");
      chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
          "http://127.0.0.1:" + webPort + "/?name=alice&say=hello%2C%20bob")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertThat(bob.readLine()).isEqualTo("<alice> hello, bob");
      bob.sendLine("hi, alice");
      // The browser holds the name until it goes.
      try (LineSocket impostor = new LineSocket(linePort)) {
        assertThat(impostor.readLine()).isEqualTo("What's your name?");
        impostor.sendLine("alice");
        assertThat(impostor.readLine()).isEqualTo("Name taken, please choose another.");
      }
    }
  }
}
