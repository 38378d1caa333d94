package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code twine hello} with few file descriptors ({@code prlimit --nofile}) and more clients than
 * it can accept: it keeps serving the connections it has, does not spin on the failing accept,
 * logs the refusal, and accepts again once the extra clients have gone.
 */
@Timeout(90)
class DescriptorLimitEndToEndTest {
  private static final int LIMIT = 128;
  private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
  private final List<Socket> extra = new ArrayList<>();
  private TwineProcess twine;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : extra) {
      socket.close();
    }
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void survivesRunningOutOfDescriptorsWithoutSpinning() throws Exception {
    assumeTrue(Files.isExecutable(PRLIMIT) && Files.isDirectory(Path.of("/proc/self/fd")),
        "needs prlimit and /proc (Linux)");
    twine = TwineProcess.startUnder(List.of(PRLIMIT.toString(), "--nofile=" + LIMIT + ":" + LIMIT),
        List.of(), "hello", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();
    Socket kept = connect(port);
    assertThat(get(kept)).endsWith("Hello, World!");

    int free = LIMIT - openDescriptors(twine.pid());
    for (int i = 0; i < free + 60; i++) {
      try {
        extra.add(connect(port));
      } catch (IOException backlogFull) {
        break;
      }
    }
    twine.awaitLog(Pattern.compile("accepting on .* failed"));

    long before = cpuTicks(twine.pid());
    Thread.sleep(2000);
    long spent = cpuTicks(twine.pid()) - before;
    assertThat(spent).as("CPU ticks (1/100 s) used in 2 s while out of descriptors")
        .isLessThan(50);
    assertThat(get(kept)).as("a connection accepted before still gets answers")
        .endsWith("Hello, World!");

    for (Socket socket : extra) {
      socket.close();
    }
    extra.clear();
    try (Socket again = connectWhenAccepted(port)) {
      assertThat(get(again)).endsWith("Hello, World!");
    }
    kept.close();
  }

  /** Returns a new connection that the server answers, trying again for a bounded time. */
  private static Socket connectWhenAccepted(int port) throws Exception {
    long end = System.nanoTime() + TwineProcess.WAIT.toNanos();
    while (true) {
      Socket socket = connect(port);
      try {
        get(socket);
        return connect(port);
      } catch (IOException notYet) {
        socket.close();
        if (System.nanoTime() > end) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
    socket.setSoTimeout((int) TwineProcess.WAIT.toMillis());
    return socket;
  }

  /** Sends {@code GET /plaintext} on {@code socket} and returns the response. */
  private static String get(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith("Hello, World!")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection ended: " + text);
      }
      text.append((char) b);
    }
    return text.toString();
  }

  private static int openDescriptors(long pid) throws IOException {
    try (var entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return (int) entries.count();
    }
  }

  /** Returns the user and system CPU time of {@code pid}, in clock ticks. */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
