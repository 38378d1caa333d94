package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One message to many connections, encoded once per way of encoding it. */
@TwineTest
class BroadcasterTest {
  private static final PerMessageDeflate ON = PerMessageDeflate.DEFAULT.withMinimumSize(0);

  private static MessageWriter writer(boolean client, String deflate, PerMessageDeflate settings) {
    DeflateParameters agreed = DeflateParameters.fromResponse(
        WebSocketExtension.parse(List.of(deflate)).get(0));
    boolean resets = agreed.noContextTakeover(Role.SERVER);
    return new MessageWriter(
        client ? FrameEncoder.forClient(new SplittableRandom(1)) : FrameEncoder.forServer(),
        1000, new MessageDeflater(settings.compressionLevel(), resets), resets, settings);
  }

  private static MessageWriter plainWriter() {
    return new MessageWriter(FrameEncoder.forServer(), 1000, null, false, ON);
  }

  @Test
  void serverConnectionsThatEncodeAlikeShareTheFrames() {
    PreparedMessage message = new PreparedMessage(Bytes.ascii("news ".repeat(100)), false, true);
    assertThat(plainWriter().message(message)).isSameAs(plainWriter().message(message));
    String reset = "permessage-deflate; server_no_context_takeover";
    List<Bytes> compressed = writer(false, reset, ON).message(message);
    assertThat(writer(false, reset, ON).message(message)).isSameAs(compressed);
    assertThat(compressed.get(0).size()).isLessThan(100);
    assertThat(writer(false, reset, ON.withCompressionLevel(1)).message(message))
        .isNotSameAs(compressed);
    assertThat(writer(false, "permessage-deflate", ON).message(message))
        .as("context takeover").isNotSameAs(compressed).isEqualTo(compressed);
    assertThat(writer(true, reset, ON).message(message)).as("masked").isNotSameAs(compressed);
  }

  @Test
  void sendsToOpenConnectionsAndForgetsClosedOnes(Clock clock) {
    Broadcaster room = new Broadcaster();
    StringTransport[] transports = new StringTransport[3];
    WebSocketConnection[] connections = new WebSocketConnection[3];
    for (int i = 0; i < 3; i++) {
      transports[i] = new StringTransport();
      connections[i] =
          WebSocketConnection.server(new Recorder(), Agreement.NONE, clock, WebSocketOptions.DEFAULT);
      connections[i].makeConnection(transports[i]);
      transports[i].reportDisconnection(connections[i]);
      assertThat(room.add(connections[i])).isTrue();
    }
    assertThat(room.add(connections[0])).isFalse();
    connections[1].transport().abortConnection();
    assertThat(room.broadcast(Bytes.of((byte) 1), true)).isEqualTo(2);
    assertThat(room.connections()).containsExactly(connections[0], connections[2]);
    assertThat(transports[0].value()).isEqualTo(Wire.hex("82 01 01"));
    assertThat(transports[2].value()).isEqualTo(Wire.hex("82 01 01"));
    assertThatThrownBy(() -> room.broadcast(Wire.hex("ff"), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(room.remove(connections[0])).isTrue();
    assertThat(room.broadcast("only one")).isEqualTo(1);
    assertThat(room.size()).isEqualTo(1);
    connections[0].transport().abortConnection();
    connections[2].transport().abortConnection();
  }
}
