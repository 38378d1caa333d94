package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --reactors N} in a real process: which threads serve the connections, and stopping. */
@Timeout(60)
class ReactorsEndToEndTest {
  private static final Pattern THREAD = Pattern.compile("(?i)\r\nX-Thread: ([^\r\n]+)");
  private TwineProcess twine;

  @AfterEach
  void stop() {
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void twoReactorsShareTheConnectionsEachOnTheReactorThatAcceptedIt() throws Exception {
    twine = TwineProcess.start("whoserves", "--listen", "tcp:0:interface=127.0.0.1", "--reactors", "2");
    int port = twine.awaitPort();

    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 200 && threads.size() < 2; i++) {
      String response = get(port);
      assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("own reactor");
      Matcher thread = THREAD.matcher(response);
      assertThat(thread.find()).as(response).isTrue();
      threads.add(thread.group(1));
    }

    assertThat(threads).containsExactlyInAnyOrder("twine-reactor-0", "twine-reactor-1");
    twine.terminate();
    assertThat(twine.awaitExit(TwineProcess.WAIT)).isZero();
  }

  @Test
  void oneReactorIsTwinesOwn() throws Exception {
    twine = TwineProcess.start("whoserves", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();

    Matcher thread = THREAD.matcher(get(port));

    assertThat(thread.find()).isTrue();
    assertThat(thread.group(1)).isEqualTo("main");
  }

  /** Sends {@code GET /} on a new connection that the server closes, and returns the response. */
  private static String get(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) TwineProcess.WAIT.toMillis());
      socket.getOutputStream().write(
          "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
