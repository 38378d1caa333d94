package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.fromClient;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Automatic pings that find a dead peer, on a server connection. */
@TwineTest
class AutoPingTest {
  private final Recorder recorder = new Recorder();
  private final StringTransport transport = new StringTransport();

  private WebSocketConnection server(Clock clock) {
    WebSocketConnection connection = WebSocketConnection.server(recorder, Agreement.NONE, clock,
        WebSocketOptions.DEFAULT.withAutoPing(ofSeconds(30), ofSeconds(10)));
    connection.makeConnection(transport);
    transport.reportDisconnection(connection);
    return connection;
  }

  private List<Frame> sent() {
    return Wire.sent(transport, Role.SERVER);
  }

  @Test
  void pingsAtTheIntervalAndKeepsAPeerThatAnswers(Clock clock) {
    WebSocketConnection connection = server(clock);
    clock.advance(ofSeconds(29));
    assertThat(sent()).isEmpty();
    clock.advance(ofSeconds(1));
    List<Frame> pings = sent();
    assertThat(pings).singleElement().extracting(Frame::opcode).isEqualTo(Opcode.PING);
    clock.advance(ofSeconds(9));
    connection.dataReceived(fromClient(Frame.of(Opcode.PONG, pings.get(0).payload())));
    clock.advance(ofSeconds(29));
    assertThat(transport.disconnecting()).isFalse();
    assertThat(sent()).isEmpty();
    clock.advance(ofSeconds(1));
    Frame second = sent().get(0);
    assertThat(second.payload()).isNotEqualTo(pings.get(0).payload());
    connection.dataReceived(fromClient(Frame.of(Opcode.PONG, second.payload())));
    connection.sendClose();
    connection.dataReceived(fromClient(Wire.close(1000, "")));
    assertThat(recorder.take()).containsExactly("open",
        "pong " + pings.get(0).payload().utf8(), "pong " + second.payload().utf8(),
        "close clean 1000 ");
  }

  @Test
  void dropsAPeerThatDoesNotAnswer(Clock clock) {
    WebSocketConnection connection = server(clock);
    clock.advance(ofSeconds(30));
    connection.dataReceived(fromClient(Frame.of(Opcode.PONG, Bytes.ascii("not the one"))));
    clock.advance(ofSeconds(10));
    assertThat(transport.aborted()).isTrue();
    assertThat(recorder.take()).containsExactly("open", "pong not the one",
        "close unclean 1006 no pong within 10000 ms of a ping");
  }

  @Test
  void stopsPingingOnceClosing(Clock clock) {
    WebSocketConnection connection = server(clock);
    connection.sendClose();
    transport.clear();
    clock.advance(ofSeconds(4));
    assertThat(transport.value()).isEqualTo(Bytes.EMPTY);
    clock.advance(ofSeconds(1));
    assertThat(transport.aborted()).isTrue();
  }

  @Test
  void needsATimeoutToPing() {
    assertThatThrownBy(() -> WebSocketOptions.DEFAULT.withAutoPing(ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive timeout");
  }
}
