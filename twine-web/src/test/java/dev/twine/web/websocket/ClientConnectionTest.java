package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.close;
import static dev.twine.web.websocket.Wire.fromServer;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A client connection: masking, and waiting for the server to close the TCP connection. */
@TwineTest
class ClientConnectionTest {
  private final Recorder recorder = new Recorder();
  private final StringTransport transport = new StringTransport();

  private WebSocketConnection client(Clock clock) {
    WebSocketConnection connection = WebSocketConnection.client(recorder, Agreement.NONE, clock,
        WebSocketOptions.DEFAULT, new SplittableRandom(1));
    connection.makeConnection(transport);
    transport.reportDisconnection(connection);
    return connection;
  }

  @Test
  void masksWhatItSendsAndReadsUnmaskedFrames(Clock clock) {
    WebSocketConnection connection = client(clock);
    assertThat(connection.role()).isEqualTo(Role.CLIENT);
    connection.sendMessage("Hello");
    assertThat(transport.value().getUnsigned(1) & 0x80).as("mask bit").isEqualTo(0x80);
    assertThat(Wire.sent(transport, Role.CLIENT)).containsExactly(Frame.of(Opcode.TEXT, Bytes.ascii("Hello")));
    connection.dataReceived(Wire.hex("81 05 48 65 6c 6c 6f"));
    assertThat(recorder.take()).containsExactly("open", "text Hello");
    connection.transport().abortConnection();
  }

  @Test
  void refusesMaskedFramesFromTheServer(Clock clock) {
    WebSocketConnection connection = client(clock);
    connection.dataReceived(Wire.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    assertThat(Wire.sent(transport, Role.CLIENT))
        .containsExactly(close(1002, "masked frame from a server"));
    assertThat(recorder.take()).last().asString().startsWith("close unclean 1006 sent 1002");
  }

  @Test
  void afterTheClosingHandshakeWaitsForTheServerToClose(Clock clock) {
    WebSocketConnection connection = client(clock);
    connection.sendClose(CloseCode.NORMAL_CLOSURE, "done");
    connection.dataReceived(fromServer(close(1000, "")));
    assertThat(transport.disconnecting()).isFalse();
    transport.loseConnection();
    assertThat(recorder.take()).containsExactly("open", "close clean 1000 ");
    assertThat(Wire.sent(transport, Role.CLIENT)).containsExactly(close(1000, "done"));
  }

  @Test
  void dropsAServerThatDoesNotCloseAfterTheHandshake(Clock clock) {
    WebSocketConnection connection = client(clock);
    connection.dataReceived(fromServer(close(1001, "going")));
    assertThat(Wire.sent(transport, Role.CLIENT)).containsExactly(close(1001, ""));
    clock.advance(ofSeconds(5));
    assertThat(transport.aborted()).isTrue();
    assertThat(recorder.take()).containsExactly("open", "close unclean 1001 going");
  }
}
