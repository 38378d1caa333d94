package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code twine hello} stopped by SIGTERM while a request is arriving: the request is answered
 * with {@code Connection: close}, and the process exits 0 within its shutdown deadline; a second
 * SIGTERM does not wait for that request.
 */
@Timeout(60)
class HelloShutdownEndToEndTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?i)Content-Length: *(\\d+)");
  private TwineProcess twine;

  @AfterEach
  void stop() {
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void answersTheRequestInFlightAndExitsZeroWithinTheDeadline() throws Exception {
    twine = TwineProcess.start("hello", "--listen", "tcp:0:interface=127.0.0.1",
        "--shutdown-timeout", DEADLINE.toSeconds() + "s");
    int port = twine.awaitPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout((int) TwineProcess.WAIT.toMillis());
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      sendOneRequestAndTheStartOfAnother(socket);

      long signalled = System.nanoTime();
      twine.terminate();
      twine.awaitLog(Pattern.compile("stopping \\(SIGTERM\\)"));
      awaitRefused(port);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readResponse(in);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(response).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Connection: close")
          .endsWith("Hello, World!");
      assertThat(twine.awaitExit(DEADLINE)).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(DEADLINE);
    }
    assertThat(twine.stderr()).doesNotContain("shutdown deadline passed");
  }

  @Test
  void aSecondSigtermDuringTheStopExitsAtOnceWithOne() throws Exception {
    twine = TwineProcess.start("hello", "--listen", "tcp:0:interface=127.0.0.1",
        "--shutdown-timeout", "60s");
    int port = twine.awaitPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout((int) TwineProcess.WAIT.toMillis());
      sendOneRequestAndTheStartOfAnother(socket);

      twine.terminate();
      twine.awaitLog(Pattern.compile("stopping \\(SIGTERM\\)"));
      awaitRefused(port);
      long signalled = System.nanoTime();
      twine.terminate();

      assertThat(twine.awaitExit(Duration.ofSeconds(10))).isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - signalled))
          .as("the request in flight is not waited for").isLessThan(Duration.ofSeconds(10));
      assertThat(twine.stderr()).contains("stopping at once (SIGTERM again)");
    }
  }

  /**
   * Sends a request and the start of a second one in one write, so in one read on the server,
   * and reads the first answer: the server then holds a request whose header section is not
   * complete yet, which a graceful stop waits for.
   */
  private static void sendOneRequestAndTheStartOfAnother(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /plaintext HTTP/1.1\r\nHost: a\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String first = readResponse(socket.getInputStream());
    assertThat(first).doesNotContainIgnoringCase("Connection: close").endsWith("Hello, World!");
  }

  /** Waits, a bounded time, until connecting to {@code port} is refused: shutdown has begun. */
  private static void awaitRefused(int port) throws InterruptedException {
    long end = System.nanoTime() + TwineProcess.WAIT.toNanos();
    while (System.nanoTime() < end) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        // not refused yet: the listening socket closes at the reactor's next turn
      }
      Thread.sleep(20);
    }
    throw new AssertionError("port " + port + " still accepted connections after SIGTERM");
  }

  /** Reads one response whose body has a Content-Length, and returns it as text. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection ended in a response head: " + head);
      }
      head.append((char) b);
    }
    Matcher length = CONTENT_LENGTH.matcher(head);
    int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return head + new String(in.readNBytes(size), StandardCharsets.ISO_8859_1);
  }
}
