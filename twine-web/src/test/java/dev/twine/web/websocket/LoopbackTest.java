package dev.twine.web.websocket;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.TwineTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A client and a server connection talking to each other in memory. */
@TwineTest
class LoopbackTest {

  /** Echoes every message, and records. */
  static class Echo extends Recorder {
    @Override
    public void onMessage(Bytes payload, boolean binary) {
      super.onMessage(payload, binary);
      connection().sendMessage(payload, binary);
    }
  }

  /** Settings of both ends and what the server's handshake agreed. */
  record Setup(String name, PerMessageDeflate client, PerMessageDeflate server, Agreement agreement) {
    Setup(String name, PerMessageDeflate client, PerMessageDeflate server) {
      this(name, client, server,
          Agreement.NONE.withExtensions(server.accept(client.offer()).stream().toList()));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Agreement deflate(String answer) {
    return Agreement.NONE.withExtensions(WebSocketExtension.parse(List.of(answer)));
  }

  static Stream<Setup> setups() {
    PerMessageDeflate on = PerMessageDeflate.DEFAULT.withMinimumSize(0);
    return Stream.of(
        new Setup("no compression", PerMessageDeflate.DISABLED, PerMessageDeflate.DISABLED),
        new Setup("deflate with context takeover", on, on),
        new Setup("deflate without context takeover", on.withNoContextTakeover(true),
            on.withNoContextTakeover(true).withRequestPeerNoContextTakeover(true)),
        new Setup("deflate at level 1 from the server", on, on.withCompressionLevel(1)),
        new Setup("deflate, the server's window limited: it sends uncompressed", on, on,
            deflate("permessage-deflate; server_max_window_bits=10")),
        new Setup("deflate, the client's window limited: it sends uncompressed", on, on,
            deflate("permessage-deflate; client_max_window_bits=9")));
  }

  private final Echo server = new Echo();
  private final Recorder client = new Recorder();

  private Pump connect(Clock clock, Setup setup, Loopback.Options options, int fragmentSize) {
    Agreement agreement = setup.agreement();
    WebSocketOptions base = WebSocketOptions.DEFAULT.withFragmentSize(fragmentSize);
    return Loopback.connect(
        WebSocketConnection.server(server, agreement, clock, base.withDeflate(setup.server())),
        WebSocketConnection.client(client, agreement, clock, base.withDeflate(setup.client()),
            new SplittableRandom(3)),
        options);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void messagesComeBackUnchanged(Setup setup, Clock clock) {
    Pump pump = connect(clock, setup, Loopback.Options.DEFAULT, 1000);
    Bytes big = Bytes.utf8("la la la, ".repeat(3000) + "\u00e9\u4e2d\ud83d\ude00");
    WebSocketConnection connection = client.connection();
    connection.sendMessage("Hello");
    connection.sendMessage("Hello");
    connection.sendMessage(Bytes.wrap(new byte[] {0, 1, 2}), true);
    connection.sendMessage("");
    connection.sendMessage(big, false);
    pump.flush();
    assertThat(client.take()).containsExactly("open", "text Hello", "text Hello", "binary 000102",
        "text ", "text " + big.utf8());
    assertThat(server.take()).hasSize(6);
    connection.sendClose(CloseCode.NORMAL_CLOSURE, "bye");
    pump.flush();
    assertThat(client.take()).containsExactly("close clean 1000 ");
    assertThat(server.take()).containsExactly("close clean 1000 bye");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void streamsALargeMessageWithPingsAndMessagesAround(Setup setup, Clock clock) {
    Pump pump = connect(clock, setup, Loopback.Options.DEFAULT, 512);
    WebSocketConnection connection = client.connection();
    connection.beginMessage(false);
    connection.sendFragment(Bytes.utf8("first part, "));
    connection.sendMessage("waits for the end");
    connection.sendPing(Bytes.ascii("does not wait"));
    connection.sendFragment(Bytes.utf8("x".repeat(5000)).concat(Bytes.of((byte) 0xe2, (byte) 0x82)));
    connection.sendFragment(Bytes.of((byte) 0xac));
    connection.endMessage();
    pump.flush();
    assertThat(server.take()).containsExactly("open", "ping does not wait",
        "text first part, " + "x".repeat(5000) + "\u20ac", "text waits for the end");
    connection.beginMessage(true);
    connection.endMessage();
    pump.flush();
    assertThat(server.take()).containsExactly("binary ");
    server.connection().sendClose(CloseCode.GOING_AWAY, "");
    pump.flush();
    assertThat(client.events).contains("close clean 1001 ");
  }

  @Test
  void sendingPausesAProducerWhileThePeerIsSlow(Clock clock) {
    Pump pump = connect(clock, setups().findFirst().orElseThrow(),
        Loopback.Options.DEFAULT.withWaterMarks(4096, 1024), 65536);
    WebSocketConnection connection = server.connection();
    List<String> flow = new ArrayList<>();
    PushProducer producer = new PushProducer() {
      @Override
      public void pauseProducing() {
        flow.add("paused");
      }

      @Override
      public void resumeProducing() {
        flow.add("resumed");
      }

      @Override
      public void stopProducing() {
        flow.add("stopped");
      }
    };
    connection.registerProducer(producer, true);
    for (int i = 0; i < 5; i++) {
      connection.sendMessage(Bytes.wrap(new byte[1000]), true);
      flow.add("sent");
    }
    assertThat(flow).as("1006 bytes a message, 4096 high water")
        .containsExactly("sent", "sent", "sent", "sent", "paused", "sent");
    pump.flush();
    assertThat(flow).endsWith("resumed");
    assertThat(client.take()).hasSize(6);
    connection.sendClose();
    pump.flush();
    assertThat(flow).endsWith("stopped");
    assertThat(server.take()).last().isEqualTo("close clean 1000 ");
  }

  @Test
  void aBroadcastReachesEveryOpenConnection(Clock clock) {
    Broadcaster room = new Broadcaster();
    Recorder[] clients = new Recorder[3];
    Pump[] pumps = new Pump[3];
    List<Setup> kinds = setups().toList();
    for (int i = 0; i < 3; i++) {
      Echo member = new Echo();
      clients[i] = new Recorder();
      Agreement agreement = kinds.get(i).agreement();
      pumps[i] = Loopback.connect(
          WebSocketConnection.server(member, agreement, clock,
              WebSocketOptions.DEFAULT.withDeflate(kinds.get(i).server())),
          WebSocketConnection.client(clients[i], agreement, clock,
              WebSocketOptions.DEFAULT.withDeflate(kinds.get(i).client()), new SplittableRandom(i)));
      room.add(member.connection());
    }
    clients[2].connection().sendClose();
    pumps[2].flush();
    assertThat(room.broadcast("news for all")).isEqualTo(2);
    assertThat(room.size()).isEqualTo(2);
    for (int i = 0; i < 3; i++) {
      pumps[i].flush();
    }
    assertThat(clients[0].take()).containsExactly("open", "text news for all");
    assertThat(clients[1].take()).containsExactly("open", "text news for all");
    assertThat(clients[2].take()).containsExactly("open", "close clean 1000 ");
    for (int i = 0; i < 2; i++) {
      clients[i].connection().sendClose();
      pumps[i].flush();
    }
  }

  @Test
  void automaticPingsKeepALivePeerAndDropADeadOne(Clock clock) {
    WebSocketOptions pinging = WebSocketOptions.DEFAULT.withAutoPing(ofSeconds(20), ofSeconds(5));
    Pump pump = Loopback.connect(
        WebSocketConnection.server(server, Agreement.NONE, clock, pinging),
        WebSocketConnection.client(client, Agreement.NONE, clock, WebSocketOptions.DEFAULT,
            new SplittableRandom(4)));
    for (int i = 0; i < 10; i++) {
      clock.advance(ofSeconds(20));
      pump.flush();
    }
    assertThat(client.take()).containsExactly("open", "ping twine-1", "ping twine-2", "ping twine-3", "ping twine-4", "ping twine-5", "ping twine-6",
        "ping twine-7", "ping twine-8", "ping twine-9", "ping twine-10");
    assertThat(server.connection().state()).isEqualTo(WebSocketConnection.State.OPEN);
    client.connection().pauseProducing();
    clock.advance(ofSeconds(20));
    pump.flush();
    clock.advance(ofSeconds(5));
    pump.flush();
    assertThat(server.take()).last().isEqualTo("close unclean 1006 no pong within 5000 ms of a ping");
    assertThat(client.take()).last().asString().startsWith("close unclean 1006");
  }
}
