package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.close;
import static dev.twine.web.websocket.Wire.fromClient;
import static dev.twine.web.websocket.Wire.hex;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A server connection driven frame by frame: messages, errors and their close codes, closing. */
@TwineTest
class WebSocketConnectionTest {
  private final Recorder recorder = new Recorder();
  private final StringTransport transport = new StringTransport();

  private WebSocketConnection server(Clock clock, WebSocketOptions options) {
    WebSocketConnection connection =
        WebSocketConnection.server(recorder, Agreement.NONE, clock, options);
    connection.makeConnection(transport);
    transport.reportDisconnection(connection);
    return connection;
  }

  private WebSocketConnection server(Clock clock) {
    return server(clock, WebSocketOptions.DEFAULT);
  }

  private static void receive(WebSocketConnection connection, Frame... frames) {
    for (Frame frame : frames) {
      connection.dataReceived(fromClient(frame));
    }
  }

  private List<Frame> sent() {
    return Wire.sent(transport, Role.SERVER);
  }

  @Test
  void opensAndDeliversWholeMessages(Clock clock) {
    WebSocketConnection connection = server(clock);
    assertThat(connection.state()).isEqualTo(WebSocketConnection.State.OPEN);
    assertThat(recorder.connection()).isSameAs(connection);
    connection.dataReceived(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    receive(connection, Frame.of(Opcode.BINARY, hex("00 ff")), Frame.of(Opcode.TEXT, Bytes.EMPTY));
    assertThat(recorder.take()).containsExactly("open", "text Hello", "binary 00ff", "text ");
    connection.transport().abortConnection();
  }

  @Test
  void joinsFragmentsAndAnswersPingsBetweenThem(Clock clock) {
    WebSocketConnection connection = server(clock);
    receive(connection,
        new Frame(false, false, Opcode.TEXT, hex("ce ba e1")),
        Frame.of(Opcode.PING, Bytes.ascii("are you there")),
        new Frame(false, false, Opcode.CONTINUATION, hex("bd b9 cf 83 ce")),
        Frame.of(Opcode.PONG, Bytes.ascii("unsolicited")),
        Frame.of(Opcode.CONTINUATION, hex("bc ce b5")));
    assertThat(recorder.take()).containsExactly(
        "open", "ping are you there", "pong unsolicited", "text \u03ba\u1f79\u03c3\u03bc\u03b5");
    assertThat(sent()).containsExactly(Frame.of(Opcode.PONG, Bytes.ascii("are you there")));
    connection.transport().abortConnection();
  }

  @Test
  void sendsMessagesUnmaskedAndCutsLongOnesIntoFragments(Clock clock) {
    WebSocketConnection connection = server(clock, WebSocketOptions.DEFAULT.withFragmentSize(4));
    connection.sendMessage("Hi");
    assertThat(transport.value()).isEqualTo(hex("81 02 48 69"));
    transport.clear();
    connection.sendMessage(Bytes.ascii("0123456789"), true);
    connection.sendPing(Bytes.ascii("p"));
    connection.sendPong(Bytes.ascii("q"));
    assertThat(sent()).containsExactly(
        new Frame(false, false, Opcode.BINARY, Bytes.ascii("0123")),
        new Frame(false, false, Opcode.CONTINUATION, Bytes.ascii("4567")),
        Frame.of(Opcode.CONTINUATION, Bytes.ascii("89")),
        Frame.of(Opcode.PING, Bytes.ascii("p")),
        Frame.of(Opcode.PONG, Bytes.ascii("q")));
    connection.transport().abortConnection();
  }

  @Test
  void readsAndSendsLargeMessagesWholeAndInFragments(Clock clock) {
    WebSocketConnection connection = server(clock, WebSocketOptions.DEFAULT.withFragmentSize(6000));
    byte[] data = new byte[16384];
    new SplittableRandom(3).nextBytes(data);
    Bytes payload = Bytes.wrap(data);
    Bytes wire = fromClient(Frame.of(Opcode.BINARY, payload));
    connection.dataReceived(wire.slice(0, 5000));
    connection.dataReceived(wire.slice(5000, wire.size()));
    connection.sendMessage(payload, true);
    connection.sendMessage(payload.slice(0, 5000), true);
    assertThat(recorder.take()).containsExactly("open", "binary " + payload.hex());
    assertThat(sent()).containsExactly(
        new Frame(false, false, Opcode.BINARY, payload.slice(0, 6000)),
        new Frame(false, false, Opcode.CONTINUATION, payload.slice(6000, 12000)),
        Frame.of(Opcode.CONTINUATION, payload.slice(12000, 16384)),
        Frame.of(Opcode.BINARY, payload.slice(0, 5000)));
    connection.transport().abortConnection();
  }

  @Test
  void refusesToSendWhatBreaksTheProtocol(Clock clock) {
    WebSocketConnection connection = server(clock);
    assertThatThrownBy(() -> connection.sendMessage(hex("c0 80"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> connection.sendPing(Bytes.wrap(new byte[126])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("125");
    assertThatThrownBy(() -> connection.sendClose(CloseCode.NO_STATUS_RECEIVED, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1005");
    assertThatThrownBy(() -> connection.sendClose(CloseCode.NORMAL_CLOSURE, "x".repeat(124)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("123 bytes");
    assertThat(transport.value()).isEqualTo(Bytes.EMPTY);
    connection.transport().abortConnection();
  }

  @Test
  void refusesToSendBeforeItIsConnected(Clock clock) {
    WebSocketConnection connection =
        WebSocketConnection.server(recorder, Agreement.NONE, clock, WebSocketOptions.DEFAULT);
    assertThat(connection.state()).isEqualTo(WebSocketConnection.State.CONNECTING);
    assertThatThrownBy(() -> connection.sendMessage("early"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not made yet");
    assertThatThrownBy(() -> WebSocketConnection.server(recorder, Agreement.NONE, clock,
        WebSocketOptions.DEFAULT)).isInstanceOf(IllegalStateException.class);
  }

  /** Input from a client that breaks the protocol, and the close code it must get. */
  record Bad(String name, Bytes wire, int code, WebSocketLimits limits) {
    Bad(String name, Bytes wire, int code) {
      this(name, wire, code, WebSocketLimits.DEFAULT);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Bad> BAD = List.of(
      new Bad("unmasked frame", hex("81 05 48 65 6c 6c 6f"), 1002),
      new Bad("reserved opcode", hex("83 80 00 00 00 00"), 1002),
      new Bad("RSV1 without permessage-deflate", hex("c1 80 00 00 00 00"), 1002),
      new Bad("continuation with no message", fromClient(Frame.of(Opcode.CONTINUATION, Bytes.EMPTY)), 1002),
      new Bad("invalid UTF-8 in one frame",
          fromClient(Frame.of(Opcode.TEXT, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64"))), 1007),
      new Bad("invalid UTF-8 across fragments", Wire.concat(
          fromClient(new Frame(false, false, Opcode.TEXT, hex("41 ce"))),
          fromClient(Frame.of(Opcode.CONTINUATION, hex("41")))), 1007),
      new Bad("text ending inside a character", fromClient(Frame.of(Opcode.TEXT, hex("e2 82"))), 1007),
      new Bad("close with a one-byte payload", fromClient(Frame.of(Opcode.CLOSE, hex("03"))), 1002),
      new Bad("close code 0", fromClient(Frame.of(Opcode.CLOSE, hex("00 00"))), 1002),
      new Bad("close code 999", fromClient(Frame.of(Opcode.CLOSE, hex("03 e7"))), 1002),
      new Bad("close code 1004", fromClient(Frame.of(Opcode.CLOSE, hex("03 ec"))), 1002),
      new Bad("close code 1005", fromClient(Frame.of(Opcode.CLOSE, hex("03 ed"))), 1002),
      new Bad("close code 1006", fromClient(Frame.of(Opcode.CLOSE, hex("03 ee"))), 1002),
      new Bad("close code 1015", fromClient(Frame.of(Opcode.CLOSE, hex("03 f7"))), 1002),
      new Bad("close code 1016", fromClient(Frame.of(Opcode.CLOSE, hex("03 f8"))), 1002),
      new Bad("close code 2999", fromClient(Frame.of(Opcode.CLOSE, hex("0b b7"))), 1002),
      new Bad("close code 5000", fromClient(Frame.of(Opcode.CLOSE, hex("13 88"))), 1002),
      new Bad("close code 65535", fromClient(Frame.of(Opcode.CLOSE, hex("ff ff"))), 1002),
      new Bad("close reason not UTF-8", fromClient(Frame.of(Opcode.CLOSE, hex("03 e8 ce"))), 1007),
      new Bad("message over the limit in one frame",
          fromClient(Frame.of(Opcode.BINARY, Bytes.wrap(new byte[1001]))), 1009,
          WebSocketLimits.DEFAULT.withMaxMessageSize(1000)),
      new Bad("message over the limit in fragments", Wire.concat(
          fromClient(new Frame(false, false, Opcode.BINARY, Bytes.wrap(new byte[600]))),
          fromClient(Frame.of(Opcode.CONTINUATION, Bytes.wrap(new byte[401])))), 1009,
          WebSocketLimits.DEFAULT.withMaxMessageSize(1000)),
      new Bad("frame over the limit", fromClient(Frame.of(Opcode.BINARY, Bytes.wrap(new byte[201]))),
          1009, WebSocketLimits.DEFAULT.withMaxFrameSize(200)));

  static Stream<Arguments> badSplits() {
    return BAD.stream().flatMap(b -> Wire.splits(b.wire()).stream().map(s -> Arguments.of(b, s)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("badSplits")
  void answersABrokenProtocolWithItsCloseCodeAndCloses(Bad bad, Chunks.Split split, Clock clock) {
    WebSocketConnection connection =
        server(clock, WebSocketOptions.DEFAULT.withLimits(bad.limits()));
    split.feed(chunk -> connection.dataReceived(Bytes.wrap(chunk)));
    List<Frame> sent = sent();
    assertThat(sent).hasSize(1);
    Frame close = sent.get(0);
    assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
    assertThat(ClosePayload.parse(close.payload()).code().value()).isEqualTo(bad.code());
    assertThat(recorder.take()).hasSize(2).last().asString()
        .startsWith("close unclean 1006 sent " + bad.code());
    assertThat(connection.state()).isEqualTo(WebSocketConnection.State.CLOSED);
  }

  @Test
  void failsOnInvalidTextBeforeTheFrameEnds(Clock clock) {
    WebSocketConnection connection = server(clock);
    Bytes frame = fromClient(Frame.of(Opcode.TEXT, Bytes.ascii("ok ").concat(hex("ff"))
        .concat(Bytes.wrap(new byte[1000]))));
    connection.dataReceived(frame.slice(0, 20));
    assertThat(ClosePayload.parse(sent().get(0).payload()).code())
        .isEqualTo(CloseCode.INVALID_PAYLOAD);
    connection.dataReceived(frame.slice(20, frame.size()));
    assertThat(transport.value()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void readsNothingAfterAFailure(Clock clock) {
    WebSocketConnection connection = server(clock);
    connection.dataReceived(hex("81 05 48 65 6c 6c 6f"));
    connection.dataReceived(fromClient(Frame.of(Opcode.TEXT, Bytes.ascii("late"))));
    connection.dataReceived(fromClient(Frame.of(Opcode.PING, Bytes.ascii("late"))));
    assertThat(sent()).extracting(Frame::opcode).containsExactly(Opcode.CLOSE);
    assertThat(recorder.take()).containsExactly("open",
        "close unclean 1006 sent 1002 (protocol error): unmasked frame from a client");
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
      3000, 3999, 4000, 4999})
  void answersAValidCloseWithItsCodeAndClosesCleanly(int code, Clock clock) {
    WebSocketConnection connection = server(clock);
    receive(connection, close(code, "bye"));
    assertThat(sent()).containsExactly(close(code, ""));
    assertThat(recorder.take()).containsExactly("open", "close clean " + code + " bye");
    assertThat(transport.aborted()).isFalse();
  }

  @Test
  void answersAnEmptyCloseWithAnEmptyOne(Clock clock) {
    WebSocketConnection connection = server(clock);
    receive(connection, Frame.of(Opcode.CLOSE, Bytes.EMPTY));
    assertThat(sent()).containsExactly(Frame.of(Opcode.CLOSE, Bytes.EMPTY));
    assertThat(recorder.take()).containsExactly("open", "close clean 1005 ");
  }

  @Test
  void readsNothingAfterTheClose(Clock clock) {
    WebSocketConnection connection = server(clock);
    connection.dataReceived(Wire.concat(fromClient(close(1000, "")),
        fromClient(Frame.of(Opcode.PING, Bytes.EMPTY)), fromClient(Frame.of(Opcode.TEXT, Bytes.EMPTY))));
    assertThat(sent()).containsExactly(close(1000, ""));
    assertThat(recorder.take()).containsExactly("open", "close clean 1000 ");
  }

  @Test
  void aCloseItStartsEndsCleanlyWhenThePeerAnswers(Clock clock) {
    WebSocketConnection connection = server(clock);
    connection.sendClose(CloseCode.GOING_AWAY, "restarting");
    assertThat(connection.state()).isEqualTo(WebSocketConnection.State.CLOSING);
    assertThat(sent()).containsExactly(close(1001, "restarting"));
    connection.sendMessage("dropped");
    connection.sendPing(Bytes.EMPTY);
    connection.sendClose();
    assertThat(transport.value()).isEqualTo(Bytes.EMPTY);
    receive(connection, Frame.of(Opcode.TEXT, Bytes.ascii("still read")), close(1001, ""));
    assertThat(sent()).isEmpty();
    assertThat(recorder.take()).containsExactly("open", "text still read", "close clean 1001 ");
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void dropsAPeerThatDoesNotAnswerTheClose(Clock clock) {
    WebSocketConnection connection = server(clock);
    connection.sendClose();
    clock.advance(ofSeconds(4));
    assertThat(transport.disconnecting()).isFalse();
    clock.advance(ofSeconds(1));
    assertThat(transport.aborted()).isTrue();
    assertThat(recorder.take()).containsExactly("open",
        "close unclean 1006 no close frame from the peer within 5000 ms");
    assertThat(connection.state()).isEqualTo(WebSocketConnection.State.CLOSED);
  }

  @Test
  void reportsAConnectionLostWithoutAClose(Clock clock) {
    server(clock);
    transport.abortConnection();
    assertThat(recorder.take()).containsExactly("open",
        "close unclean 1006 connection ended without a close frame: connection was aborted");
  }

  @Test
  void pausingStopsDeliveryUntilResumed(Clock clock) {
    WebSocketConnection connection = server(clock);
    connection.pauseProducing();
    assertThat(transport.producerState()).isEqualTo(StringTransport.ProducerState.PAUSED);
    receive(connection, Frame.of(Opcode.TEXT, Bytes.ascii("one")), Frame.of(Opcode.TEXT, Bytes.ascii("two")));
    assertThat(recorder.take()).containsExactly("open");
    connection.resumeProducing();
    assertThat(transport.producerState()).isEqualTo(StringTransport.ProducerState.PRODUCING);
    assertThat(recorder.take()).containsExactly("text one", "text two");
    connection.stopProducing();
    assertThat(sent()).containsExactly(close(1001, ""));
    receive(connection, close(1001, ""));
  }

  @Test
  void aProtocolCanPauseFromInsideOnMessage(Clock clock) {
    WebSocketConnection connection = server(clock);
    WebSocketProtocol pausing = recorder;
    receive(connection, Frame.of(Opcode.TEXT, Bytes.ascii("one")));
    connection.pauseProducing();
    connection.dataReceived(Wire.concat(fromClient(Frame.of(Opcode.TEXT, Bytes.ascii("two"))),
        fromClient(close(1000, ""))));
    assertThat(recorder.take()).containsExactly("open", "text one");
    assertThat(pausing.connection().state()).isEqualTo(WebSocketConnection.State.OPEN);
    connection.resumeProducing();
    assertThat(recorder.take()).containsExactly("text two", "close clean 1000 ");
  }
}
