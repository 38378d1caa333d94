package dev.twine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackTest {
  private final Recorder server = new Recorder();
  private final Recorder client = new Recorder();

  @Test
  void connectMakesBothConnectionsServerFirstWithEachOthersAddresses() {
    List<String> order = new ArrayList<>();
    Recorder first = new Recorder() {
      @Override
      public void connectionMade() {
        order.add("server");
      }
    };
    Recorder second = new Recorder() {
      @Override
      public void connectionMade() {
        order.add("client");
      }
    };
    Loopback.connect(first, second);
    assertThat(order).containsExactly("server", "client");
    assertThat(first.transport().peer()).isEqualTo(second.transport().host())
        .isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", 50000));
    assertThat(second.transport().peer()).isEqualTo(Loopback.Options.DEFAULT.serverAddress());
    assertThat(first.transport()).isInstanceOf(StreamTransport.class);
  }

  @Test
  void onePumpMovesWhatEachSideWroteOneHop() {
    Pump pump = Loopback.connect(server, client);
    assertThat(pump.pump()).as("nothing to move").isFalse();

    client.transport().write(Bytes.utf8("ping "));
    client.transport().write(Bytes.utf8("pong"));
    server.transport().write(Bytes.utf8("hello"));
    assertThat(pump.pendingToServer()).isEqualTo(9);
    assertThat(pump.pendingToClient()).isEqualTo(5);

    assertThat(pump.pump()).isTrue();
    assertThat(server.events).containsExactly("made", "data ping pong");
    assertThat(client.events).containsExactly("made", "data hello");
    assertThat(pump.pendingToServer()).isZero();
    assertThat(pump.pump()).isFalse();
  }

  @Test
  void flushPumpsUntilQuietAndAnswersArrive() {
    Recorder echo = new Recorder() {
      @Override
      public void dataReceived(Bytes data) {
        super.dataReceived(data);
        transport().write(data);
      }
    };
    Pump pump = Loopback.connect(echo, client);
    client.transport().write(Bytes.utf8("round trip"));
    assertThat(pump.flush()).isTrue();
    assertThat(client.received.toString()).isEqualTo("round trip");
    assertThat(pump.flush()).isFalse();
  }

  @Test
  void flushGivesUpOnProtocolsThatAnswerEachOtherForever() {
    class Chatty extends Recorder {
      @Override
      public void dataReceived(Bytes data) {
        transport().write(data);
      }
    }
    Chatty a = new Chatty();
    Pump pump = Loopback.connect(a, new Chatty());
    a.transport().write(Bytes.utf8("again"));
    assertThatThrownBy(pump::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("10000");
  }

  @Test
  void loseConnectionDeliversQueuedDataThenEndsBothSidesCleanly() {
    Pump pump = Loopback.connect(server, client);
    server.transport().write(Bytes.utf8("last words"));
    server.transport().loseConnection();
    server.transport().write(Bytes.utf8(", really"));

    pump.flush();

    assertThat(client.events).containsExactly("made", "data last words, really", "lost ConnectionDone");
    assertThat(server.events).containsExactly("made", "lost ConnectionDone");
    assertThat(pump.closed()).isTrue();
    server.transport().write(Bytes.utf8("ignored"));
    assertThat(pump.pump()).isFalse();
  }

  @Test
  void abortDropsQueuedDataAndTellsTheSidesApart() {
    Pump pump = Loopback.connect(server, client);
    server.transport().write(Bytes.utf8("dropped"));
    client.transport().write(Bytes.utf8("dropped too"));
    server.transport().abortConnection();
    server.transport().abortConnection();

    assertThat(pump.pump()).isTrue();

    assertThat(server.events).containsExactly("made", "lost ConnectionAborted");
    assertThat(client.events).containsExactly("made", "lost ConnectionLost");
    assertThat(pump.pump()).isFalse();
  }

  @Test
  void halfCloseLetsAHalfCloseableServerAnswerBeforeClosing() {
    Recorder.HalfClosing answering = new Recorder.HalfClosing() {
      @Override
      public void readConnectionLost() {
        super.readConnectionLost();
        transport().write(Bytes.utf8("answer to " + received));
        transport().loseConnection();
      }
    };
    Recorder.HalfClosing asking = new Recorder.HalfClosing();
    Pump pump = Loopback.connect(answering, asking);
    asking.transport().write(Bytes.utf8("question"));
    ((StreamTransport) asking.transport()).loseWriteConnection();
    asking.transport().write(Bytes.utf8("too late"));

    pump.flush();

    assertThat(answering.events)
        .containsExactly("made", "data question", "readConnectionLost", "lost ConnectionDone");
    assertThat(asking.events).containsExactly(
        "made", "writeConnectionLost", "data answer to question", "lost ConnectionDone");
  }

  @Test
  void halfCloseEndsTheConnectionOfAProtocolThatIsNotHalfCloseable() {
    Recorder.HalfClosing asking = new Recorder.HalfClosing();
    Pump pump = Loopback.connect(server, asking);
    asking.transport().write(Bytes.utf8("bye"));
    ((StreamTransport) asking.transport()).loseWriteConnection();

    pump.flush();

    assertThat(server.events).containsExactly("made", "data bye", "lost ConnectionDone");
    assertThat(asking.events).containsExactly("made", "writeConnectionLost", "lost ConnectionDone");
  }

  @Test
  void bothSidesHalfClosingEndTheConnection() {
    Recorder.HalfClosing a = new Recorder.HalfClosing();
    Recorder.HalfClosing b = new Recorder.HalfClosing();
    Pump pump = Loopback.connect(a, b);
    ((StreamTransport) a.transport()).loseWriteConnection();
    ((StreamTransport) b.transport()).loseWriteConnection();

    pump.flush();

    assertThat(a.events)
        .containsExactly("made", "writeConnectionLost", "readConnectionLost", "lost ConnectionDone");
    assertThat(b.events)
        .containsExactly("made", "readConnectionLost", "writeConnectionLost", "lost ConnectionDone");
  }

  @Test
  void aPausedSideReceivesNothingUntilItResumes() {
    Pump pump = Loopback.connect(server, client);
    client.transport().pauseProducing();
    server.transport().write(Bytes.utf8("wait"));
    server.transport().loseConnection();

    assertThat(pump.flush()).isFalse();
    assertThat(client.events).containsExactly("made");
    assertThat(pump.pendingToClient()).isEqualTo(4);

    client.transport().resumeProducing();
    pump.flush();
    assertThat(client.events).containsExactly("made", "data wait", "lost ConnectionDone");
  }

  /** Writes chunks of 30 bytes whenever it is not paused, up to a total. */
  private static final class Streamer implements PushProducer {
    final List<String> calls = new ArrayList<>();
    final Recorder writer;
    final int total;
    int written;
    boolean paused;
    long highestPending;
    Pump pump;

    Streamer(Recorder writer, int total) {
      this.writer = writer;
      this.total = total;
    }

    void produce() {
      while (!paused && written < total) {
        written += 30;
        writer.transport().write(Bytes.wrap(new byte[30]));
        if (pump != null) {
          highestPending = Math.max(highestPending, pump.pendingToClient());
        }
      }
      if (written >= total) {
        writer.transport().unregisterProducer();
        writer.transport().loseConnection();
      }
    }

    @Override
    public void pauseProducing() {
      calls.add("pause at " + written);
      paused = true;
    }

    @Override
    public void resumeProducing() {
      calls.add("resume at " + written);
      paused = false;
      produce();
    }

    @Override
    public void stopProducing() {
      calls.add("stop");
    }
  }

  @Test
  void aPushProducerIsPausedAboveTheHighWaterMarkAndResumedWhenPumpedBelowTheLow() {
    Pump pump = Loopback.connect(server, client, Loopback.Options.DEFAULT.withWaterMarks(100, 50));
    Streamer streamer = new Streamer(server, 600);
    streamer.pump = pump;
    client.transport().pauseProducing();
    server.transport().registerProducer(streamer, true);
    streamer.produce();

    assertThat(streamer.calls).containsExactly("pause at 120");
    assertThat(pump.flush()).as("the client does not read").isFalse();
    assertThat(pump.pendingToClient()).isEqualTo(120);

    client.transport().resumeProducing();
    pump.flush();

    assertThat(streamer.calls).containsExactly(
        "pause at 120", "resume at 120", "pause at 240", "resume at 240", "pause at 360",
        "resume at 360", "pause at 480", "resume at 480", "pause at 600");
    assertThat(streamer.highestPending).isLessThanOrEqualTo(120);
    assertThat(client.received).hasSize(600);
    assertThat(client.events).endsWith("lost ConnectionDone");
  }

  @Test
  void loseConnectionWaitsForTheProducerToUnregisterAndStopsItIfTheConnectionEnds() {
    Pump pump = Loopback.connect(server, client);
    Streamer streamer = new Streamer(server, Integer.MAX_VALUE);
    streamer.paused = true;
    server.transport().registerProducer(streamer, true);
    server.transport().loseConnection();
    assertThat(pump.flush()).isFalse();
    assertThat(pump.closed()).isFalse();

    client.transport().abortConnection();
    pump.flush();
    assertThat(streamer.calls).containsExactly("stop");
    assertThat(server.events).containsExactly("made", "lost ConnectionLost");
  }

  @Test
  void aPullProducerIsAskedOnRegistrationAndAfterEachDelivery() {
    Pump pump = Loopback.connect(server, client);
    List<Integer> asked = new ArrayList<>();
    server.transport().registerProducer(new PullProducer() {
      @Override
      public void resumeProducing() {
        asked.add(asked.size());
        if (asked.size() <= 3) {
          server.transport().write(Bytes.utf8("piece" + asked.size() + " "));
        } else {
          server.transport().unregisterProducer();
          server.transport().loseConnection();
        }
      }

      @Override
      public void stopProducing() {
        asked.add(-1);
      }
    }, false);
    assertThat(asked).containsExactly(0);

    pump.flush();

    assertThat(asked).containsExactly(0, 1, 2, 3);
    assertThat(client.events).containsExactly(
        "made", "data piece1 ", "data piece2 ", "data piece3 ", "lost ConnectionDone");
  }

  @Test
  void registeringRequiresTheRightKindOfProducerAndOnlyOne() {
    Loopback.connect(server, client);
    PullProducer pull = new PullProducer() {
      @Override
      public void resumeProducing() {}

      @Override
      public void stopProducing() {}
    };
    assertThatThrownBy(() -> server.transport().registerProducer(pull, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PushProducer");
    server.transport().registerProducer(pull, false);
    assertThatThrownBy(() -> server.transport().registerProducer(pull, false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
  }

  @Test
  void optionsRejectWaterMarksInTheWrongOrder() {
    assertThatThrownBy(() -> Loopback.Options.DEFAULT.withWaterMarks(10, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowWater 20");
    assertThatThrownBy(() -> Loopback.connect(server, server)).isInstanceOf(IllegalArgumentException.class);
  }
}
