package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code twine echo} as a user runs it: a real process, real sockets on loopback, signals. */
@Timeout(60)
class EchoEndToEndTest {
  private static final Duration STOP_WITHIN = Duration.ofSeconds(5);

  private TwineProcess twine;

  @AfterEach
  void killTwine() {
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void echoesWhatEachClientSendsOnTheLoggedPort() throws Exception {
    twine = TwineProcess.start("echo", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();

    try (LineSocket first = new LineSocket(port); LineSocket second = new LineSocket(port)) {
      first.send("hello, ");
      second.send("über-echo\n");
      first.send("twine\n");
      assertThat(second.read(11)).isEqualTo("über-echo\n");
      assertThat(first.read(13)).isEqualTo("hello, twine\n");
    }
  }

  @Test
  void listensOnEveryEndpointGivenAndLogsEach() throws Exception {
    twine = TwineProcess.start(
        "echo", "--listen", "tcp:0:interface=127.0.0.1", "--listen", "tcp:0:interface=127.0.0.1");
    int first = twine.awaitPort();
    int second = twine.awaitPort();

    assertThat(first).isNotEqualTo(second);
    for (int port : new int[] {first, second}) {
      try (LineSocket client = new LineSocket(port)) {
        client.sendLine("port " + port);
        assertThat(client.readLine()).isEqualTo("port " + port);
      }
    }
  }

  @Test
  void listensOnUnixSockets(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("echo.sock");
    twine = TwineProcess.start("echo", "--listen", "unix:" + socket);

    assertThat(twine.awaitLog(Pattern.compile("listening on "))).contains(socket.toString());
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
      ByteBuffer answer = ByteBuffer.allocate(4);
      while (answer.hasRemaining() && channel.read(answer) >= 0) {
        // reads until the four bytes are back
      }
      assertThat(new String(answer.array(), StandardCharsets.UTF_8)).isEqualTo("ping");
    }
  }

  @Test
  void sigtermClosesConnectionsReleasesThePortAndExitsZero() throws Exception {
    twine = TwineProcess.start("echo", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();
    try (LineSocket client = new LineSocket(port)) {
      client.sendLine("still here");
      assertThat(client.readLine()).isEqualTo("still here");

      twine.terminate();

      assertThat(client.closedByPeer()).isTrue();
      assertThat(twine.awaitExit(STOP_WITHIN)).isZero();
    }
    assertThat(twine.stderr()).contains("stopping (SIGTERM)");
    assertPortIsFree(port);
  }

  @Test
  void ctrlCStopsGracefullyAndExitsZero() throws Exception {
    assumeFalse(sigintIgnoredHere(),
        "SIGINT is ignored by this process (started in the background), so twine inherits that");
    twine = TwineProcess.start("echo", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();

    twine.signal("INT");

    assertThat(twine.awaitExit(STOP_WITHIN)).isZero();
    assertThat(twine.stderr()).contains("stopping (SIGINT)");
    assertPortIsFree(port);
  }

  @Test
  void anInvalidEndpointIsOneLineAndExitCode2() throws Exception {
    twine = TwineProcess.start("echo", "--listen", "tcp:80x");

    assertThat(twine.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
    assertThat(twine.stderr())
        .isEqualTo("twine: invalid endpoint \"tcp:80x\": port must be a number from 0 to 65535, not \"80x\"");
  }

  @Test
  void aPortInUseIsOneLineAndExitCode2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      twine = TwineProcess.start("echo", "--listen", "tcp:" + port + ":interface=127.0.0.1");

      assertThat(twine.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
      assertThat(twine.stderr())
          .isEqualTo("twine: cannot listen on 127.0.0.1:" + port + ": Address already in use");
    }
  }

  @Test
  void whenOneOfSeveralEndpointsCannotListenTheOthersStopToo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      twine = TwineProcess.start("echo", "--listen", "tcp:0:interface=127.0.0.1",
          "--listen", "tcp:" + port + ":interface=127.0.0.1");
      int listened = twine.awaitPort();

      assertThat(twine.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
      assertThat(twine.stderr()).contains("twine: cannot listen on 127.0.0.1:" + port).doesNotContain("\tat ");
      assertPortIsFree(listened);
    }
  }

  private static void assertPortIsFree(int port) throws IOException {
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  /** Reads this JVM's ignored signals; a child started with ProcessBuilder inherits them. */
  private static boolean sigintIgnoredHere() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (ignored & (1L << (2 - 1))) != 0;
      }
    }
    return false;
  }
}
