package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.fromClient;
import static dev.twine.web.websocket.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** permessage-deflate on a connection: the RFC 7692 bytes, limits, and compression bombs. */
@TwineTest
class DeflateConnectionTest {
  private static final PerMessageDeflate ON = PerMessageDeflate.DEFAULT.withMinimumSize(0);

  private final Recorder recorder = new Recorder();
  private final StringTransport transport = new StringTransport();

  private static Agreement agreed(String answer) {
    return Agreement.NONE.withExtensions(WebSocketExtension.parse(List.of(answer)));
  }

  private WebSocketConnection server(Clock clock, String answer, WebSocketOptions options) {
    WebSocketConnection connection =
        WebSocketConnection.server(recorder, agreed(answer), clock, options);
    connection.makeConnection(transport);
    transport.reportDisconnection(connection);
    return connection;
  }

  private WebSocketConnection server(Clock clock, String answer) {
    return server(clock, answer, WebSocketOptions.DEFAULT.withDeflate(ON));
  }

  private WebSocketConnection client(Clock clock, String answer) {
    WebSocketConnection connection = WebSocketConnection.client(recorder, agreed(answer), clock,
        WebSocketOptions.DEFAULT.withDeflate(ON), new SplittableRandom(5));
    connection.makeConnection(transport);
    transport.reportDisconnection(connection);
    return connection;
  }

  private CloseCode closeCodeSent() {
    List<Frame> sent = Wire.sent(transport, Role.SERVER);
    return ClosePayload.parse(sent.get(sent.size() - 1).payload()).code();
  }

  @Test
  void sendsTheRfcBytesWithContextTakeover(Clock clock) {
    WebSocketConnection connection = server(clock, "permessage-deflate");
    connection.sendMessage("Hello");
    connection.sendMessage("Hello");
    assertThat(transport.value())
        .isEqualTo(hex("c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00"));
    connection.transport().abortConnection();
  }

  @Test
  void sendsEveryMessageAloneWithoutContextTakeover(Clock clock) {
    WebSocketConnection connection = server(clock, "permessage-deflate; server_no_context_takeover");
    connection.sendMessage("Hello");
    connection.sendMessage("Hello");
    assertThat(transport.value())
        .isEqualTo(hex("c1 07 f2 48 cd c9 c9 07 00 c1 07 f2 48 cd c9 c9 07 00"));
    connection.transport().abortConnection();
  }

  @Test
  void sendsUncompressedWhenItsWindowIsLimitedOrTheMessageIsSmall(Clock clock) {
    WebSocketConnection limited = server(clock, "permessage-deflate; server_max_window_bits=10");
    limited.sendMessage("Hello");
    assertThat(transport.value()).isEqualTo(hex("81 05 48 65 6c 6c 6f"));
    limited.transport().abortConnection();

    StringTransport other = new StringTransport();
    WebSocketConnection small = WebSocketConnection.server(new Recorder(),
        agreed("permessage-deflate"), clock,
        WebSocketOptions.DEFAULT.withDeflate(ON.withMinimumSize(6)));
    small.makeConnection(other);
    small.sendMessage("Hello");
    small.sendMessage("Hello!");
    assertThat(other.value()).isEqualTo(hex("81 05 48 65 6c 6c 6f c1 08 f2 48 cd c9 c9 57 04 00"));
  }

  @Test
  void readsTheRfcExamples(Clock clock) {
    WebSocketConnection connection = client(clock, "permessage-deflate");
    connection.dataReceived(hex("c1 07 f2 48 cd c9 c9 07 00"));
    connection.dataReceived(hex("41 03 f2 48 cd 80 04 c9 c9 07 00"));
    connection.dataReceived(hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"));
    connection.dataReceived(hex("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"));
    connection.dataReceived(hex("81 05 48 65 6c 6c 6f"));
    assertThat(recorder.take())
        .containsExactly("open", "text Hello", "text Hello", "text Hello", "text Hello", "text Hello");
    connection.transport().abortConnection();
  }

  @Test
  void refusesAMessageThatInflatesPastTheLimitUsingLittleMemory(Clock clock) {
    WebSocketConnection connection = server(clock, "permessage-deflate",
        WebSocketOptions.DEFAULT.withDeflate(ON)
            .withLimits(WebSocketLimits.DEFAULT.withMaxMessageSize(1 << 20)));
    Bytes gigabyte = CompressionBomb.zeros(1024);
    Bytes frame = fromClient(new Frame(true, true, Opcode.BINARY, gigabyte));
    int fed = 0;
    while (!transport.disconnecting() && fed < frame.size()) {
      int end = Math.min(frame.size(), fed + 64 * 1024);
      connection.dataReceived(frame.slice(fed, end));
      fed = end;
    }
    assertThat(fed).as("bytes read before the bomb was stopped").isEqualTo(64 * 1024);
    assertThat(closeCodeSent()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
    assertThat(recorder.take()).last().asString().startsWith("close unclean 1006 sent 1009");
  }

  @Test
  void holdsEachFrameToTheLimitOnItsInflatedSize(Clock clock) {
    WebSocketConnection connection = server(clock, "permessage-deflate",
        WebSocketOptions.DEFAULT.withDeflate(ON)
            .withLimits(WebSocketLimits.DEFAULT.withMaxFrameSize(1000)));
    MessageDeflater deflater = new MessageDeflater(6, true);
    Bytes payload = deflater.finish(Bytes.wrap(new byte[1001]));
    deflater.close();
    connection.dataReceived(fromClient(new Frame(true, true, Opcode.BINARY, payload)));
    assertThat(closeCodeSent()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
  }

  @Test
  void refusesInvalidCompressedData(Clock clock) {
    WebSocketConnection connection = server(clock, "permessage-deflate");
    connection.dataReceived(fromClient(new Frame(true, true, Opcode.TEXT, hex("ff ff ff"))));
    assertThat(closeCodeSent()).isEqualTo(CloseCode.INVALID_PAYLOAD);
  }

  @Test
  void checksInflatedTextAsUtf8(Clock clock) {
    WebSocketConnection connection = server(clock, "permessage-deflate");
    MessageDeflater deflater = new MessageDeflater(6, true);
    Bytes payload = deflater.finish(hex("41 42 c0 80"));
    deflater.close();
    connection.dataReceived(fromClient(new Frame(true, true, Opcode.TEXT, payload)));
    assertThat(closeCodeSent()).isEqualTo(CloseCode.INVALID_PAYLOAD);
  }
}
