package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code twine echo} on {@code udp:} endpoints, as a user runs it: a real process, real datagrams on loopback. */
@Timeout(60)
class UdpEchoEndToEndTest {
  private static final Pattern UDP_LISTENING = Pattern.compile("listening on UDP:127\\.0\\.0\\.1:(\\d+)");
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  private TwineProcess twine;

  @AfterEach
  void killTwine() {
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void echoesEachDatagramToItsSenderOnTheLoggedPort() throws Exception {
    twine = TwineProcess.start("echo", "--listen", "udp:0:interface=127.0.0.1");
    int port = awaitUdpPort();

    assertThat(port).isPositive();
    try (DatagramSocket first = client(); DatagramSocket second = client()) {
      send(first, port, "hello, twine");
      send(second, port, "über-echo");
      assertThat(receive(second)).isEqualTo("über-echo");
      assertThat(receive(first)).isEqualTo("hello, twine");
    }
  }

  @Test
  void listensOnTcpAndUdpInOneCommand() throws Exception {
    twine = TwineProcess.start(
        "echo", "--listen", "tcp:0:interface=127.0.0.1", "--listen", "udp:0:interface=127.0.0.1");
    int tcpPort = twine.awaitPort();
    int udpPort = awaitUdpPort();

    try (LineSocket stream = new LineSocket(tcpPort); DatagramSocket datagrams = client()) {
      stream.sendLine("over tcp");
      send(datagrams, udpPort, "over udp");
      assertThat(receive(datagrams)).isEqualTo("over udp");
      assertThat(stream.readLine()).isEqualTo("over tcp");
    }
  }

  @Test
  void aStreamOnlyCommandRejectsADatagramEndpointWithOneLineAndExitCode2() throws Exception {
    twine = TwineProcess.start("chat", "--listen", "udp:9");

    assertThat(twine.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
    assertThat(twine.stderr()).isEqualTo("twine: invalid endpoint \"udp:9\": udp: is a datagram endpoint; "
        + "twine chat needs a stream endpoint such as tcp:PORT");
  }

  @Test
  void aBadUdpEndpointIsReportedAsADatagramEndpointError() throws Exception {
    twine = TwineProcess.start("echo", "--listen", "udp:80x");

    assertThat(twine.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
    assertThat(twine.stderr())
        .isEqualTo("twine: invalid endpoint \"udp:80x\": port must be a number from 0 to 65535, not \"80x\"");
  }

  @Test
  void aUdpPortInUseIsOneLineAndExitCode2() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int port = taken.getLocalPort();
      twine = TwineProcess.start("echo", "--listen", "udp:" + port + ":interface=127.0.0.1");

      assertThat(twine.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
      assertThat(twine.stderr()).startsWith("twine: cannot listen on ").contains(Integer.toString(port))
          .doesNotContain("\tat ");
    }
  }

  private int awaitUdpPort() throws InterruptedException {
    Matcher matcher = UDP_LISTENING.matcher(twine.awaitLog(UDP_LISTENING));
    assertThat(matcher.find()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private static DatagramSocket client() throws Exception {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
    return socket;
  }

  private static void send(DatagramSocket socket, int port, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  /** Receives one datagram, failing with a SocketTimeoutException if none comes in time. */
  private static String receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
