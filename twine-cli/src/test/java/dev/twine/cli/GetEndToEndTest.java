package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code twine get} as a user runs it, against a small server on loopback. */
@Timeout(60)
class GetEndToEndTest {
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private ServerSocket server;
  private String base;
  private TwineProcess twine;

  /**
   * Starts a small server on a loopback socket that answers each request by its path: a body at
   * /hello, a redirect to it at /moved, a 404 elsewhere; one request per connection.
   */
  @BeforeEach
  void startServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    base = "http://127.0.0.1:" + server.getLocalPort();
    Thread.ofPlatform().daemon().start(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          socket.setSoTimeout(10_000);
          String request = readHead(socket.getInputStream());
          requests.add(request);
          String response;
          if (request.startsWith("GET /hello ")) {
            response = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"
                + "hello, twine\n";
          } else if (request.startsWith("GET /moved ")) {
            response = "HTTP/1.1 302 Found\r\nLocation: /hello\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n";
          } else {
            response = "HTTP/1.1 404 Not Found\r\nContent-Length: 14\r\nConnection: close\r\n"
                + "\r\nno such thing\n";
          }
          socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          // closed by the test, or the client went away
        }
      }
    });
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @AfterEach
  void stop() throws IOException {
    if (twine != null) {
      twine.close();
    }
    server.close();
  }

  @Test
  void writesTheBodyToStdoutAndExitsZeroForA2xx() throws Exception {
    twine = TwineProcess.start("get", base + "/hello", "-H", "X-Test: yes");

    assertThat(twine.awaitExit(EXIT_WITHIN)).isZero();
    assertThat(twine.stdout()).isEqualTo("hello, twine");
    assertThat(requests).singleElement().asString()
        .startsWith("GET /hello HTTP/1.1\r\n").contains("\r\nX-Test: yes\r\n");
  }

  @Test
  void followsRedirectsAndSavesToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("page.txt");
    twine = TwineProcess.start("get", base + "/moved", "-o", file.toString());

    assertThat(twine.awaitExit(EXIT_WITHIN)).isZero();
    assertThat(Files.readString(file)).isEqualTo("hello, twine\n");
    assertThat(twine.stdout()).isEmpty();
  }

  @Test
  void exitsOneForAnotherStatusAndSaysWhich() throws Exception {
    twine = TwineProcess.start("get", base + "/missing");

    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(1);
    assertThat(twine.stdout()).isEqualTo("no such thing");
    assertThat(twine.stderr()).contains("twine get: 404 Not Found");
  }

  @Test
  void exitsTwoWithOneLineWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    twine = TwineProcess.start("get", "http://127.0.0.1:" + port + "/");

    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(twine.stderr().lines().filter(line -> line.startsWith("twine get: ")))
        .singleElement().asString().contains("127.0.0.1");
  }

  @Test
  void exitsTwoWhenTheNameDoesNotResolve() throws Exception {
    twine = TwineProcess.start("get", "http://no-such-host.invalid/");

    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(twine.stderr()).contains("twine get: cannot resolve host name: no-such-host.invalid");
  }

  @Test
  void aBadUrlOrHeaderIsAUsageError() throws Exception {
    twine = TwineProcess.start("get", "ftp://example.com/");
    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(twine.stderr()).startsWith("twine: URL must be an absolute http or https URL");
    twine.close();

    twine = TwineProcess.start("get", base + "/hello", "-H", "no colon");
    assertThat(twine.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(twine.stderr()).startsWith("twine: a header must be \"Name: value\"");
  }
}
