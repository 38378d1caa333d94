package dev.twine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.AddressType;
import dev.twine.internet.ByteBufferProtocol;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.UnixAddress;
import dev.twine.testing.StringTransport.ProducerState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StringTransportTest {
  private final List<String> events = new ArrayList<>();
  private final StringTransport transport = new StringTransport();

  @AfterEach
  void noEventsLeft() {
    assertThat(events).as("unasserted events").isEmpty();
  }

  private List<String> takeEvents() {
    List<String> taken = List.copyOf(events);
    events.clear();
    return taken;
  }

  /** A protocol that records its connection's events. */
  private class Recorder extends Protocol implements HalfCloseableProtocol {
    @Override
    public void connectionMade() {
      events.add("made");
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost " + reason.type().getSimpleName());
    }

    @Override
    public void readConnectionLost() {
      events.add("read lost");
    }

    @Override
    public void writeConnectionLost() {
      events.add("write lost");
    }
  }

  private final class RecordingPushProducer implements PushProducer {
    @Override
    public void pauseProducing() {
      events.add("producer paused");
    }

    @Override
    public void resumeProducing() {
      events.add("producer resumed");
    }

    @Override
    public void stopProducing() {
      events.add("producer stopped");
    }
  }

  private final class RecordingPullProducer implements PullProducer {
    @Override
    public void resumeProducing() {
      events.add("producer asked");
    }

    @Override
    public void stopProducing() {
      events.add("producer stopped");
    }
  }

  @Test
  void recordsWritesInOrderUntilCleared() {
    transport.write(Bytes.ascii("hello "));
    transport.writeSequence(List.of(Bytes.ascii("wor"), Bytes.EMPTY, Bytes.ascii("ld")));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("hello world"));
    assertThat(transport.value()).as("value() does not consume").isEqualTo(Bytes.ascii("hello world"));

    transport.clear();
    assertThat(transport.value()).isEqualTo(Bytes.EMPTY);
    transport.write(Bytes.ascii("again"));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("again"));
  }

  @Test
  void copiesABufferWrittenToItSoThatTheWriterCanRefillIt() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(16);
    buffer.put(Bytes.ascii("first").toByteArray()).flip();

    transport.write(buffer);
    assertThat(buffer.hasRemaining()).as("consumed").isFalse();
    buffer.clear().put(Bytes.ascii("XXXXX").toByteArray());

    assertThat(transport.value()).isEqualTo(Bytes.ascii("first"));
  }

  @Test
  void lendsAProtocolReadingInPlaceAReadOnlyViewOfWhatItDelivers() {
    List<String> lent = new ArrayList<>();
    ByteBufferProtocol echo = new ByteBufferProtocol() {
      @Override
      public void bufferReceived(ByteBuffer data) {
        lent.add(data.isReadOnly() + " " + data.remaining());
        transport().write(data);
      }
    };
    echo.makeConnection(transport);

    echo.dataReceived(Bytes.ascii("in place"));
    echo.dataReceived(Bytes.ascii("!"));

    assertThat(lent).containsExactly("true 8", "true 1");
    assertThat(transport.value()).isEqualTo(Bytes.ascii("in place!"));
  }

  @Test
  void hasTwistedsDefaultAddresses() {
    assertThat(transport.host()).isEqualTo(new IPv4Address(AddressType.TCP, "10.0.0.1", 12345));
    assertThat(transport.peer()).isEqualTo(new IPv4Address(AddressType.TCP, "192.168.1.1", 54321));
  }

  @Test
  void takesAddressesOfAnyKind() {
    StringTransport unix = new StringTransport(
        new UnixAddress("/run/app.sock"), new IPv6Address(AddressType.TCP, "::1", 443));
    assertThat(unix.host()).isEqualTo(new UnixAddress("/run/app.sock"));
    assertThat(unix.peer()).isEqualTo(new IPv6Address(AddressType.TCP, "::1", 443));
  }

  @Test
  void closingOnlySetsFlagsByDefault() {
    new Recorder().makeConnection(transport);
    assertThat(takeEvents()).containsExactly("made");
    assertThat(transport.disconnecting()).isFalse();

    transport.loseConnection();
    assertThat(transport.disconnecting()).isTrue();
    assertThat(transport.aborted()).isFalse();
    transport.write(Bytes.ascii("bye"));
    assertThat(transport.value()).as("written before the close").isEqualTo(Bytes.ascii("bye"));

    transport.abortConnection();
    assertThat(transport.aborted()).isTrue();
    transport.write(Bytes.ascii("dropped"));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("bye"));
  }

  @Test
  void abortAloneAlsoCountsAsDisconnecting() {
    transport.abortConnection();
    assertThat(transport.disconnecting()).isTrue();
    assertThat(transport.aborted()).isTrue();
  }

  @Test
  void loseWriteConnectionDropsLaterWrites() {
    transport.write(Bytes.ascii("last"));
    transport.loseWriteConnection();
    transport.write(Bytes.ascii("too late"));
    assertThat(transport.writeDisconnecting()).isTrue();
    assertThat(transport.disconnecting()).isFalse();
    assertThat(transport.value()).isEqualTo(Bytes.ascii("last"));
  }

  @Test
  void socketOptionsStartAsTheReactorSetsThem() {
    assertThat(transport.noDelay()).isTrue();
    assertThat(transport.keepAlive()).isFalse();
    transport.setNoDelay(false);
    transport.setKeepAlive(true);
    assertThat(transport.noDelay()).isFalse();
    assertThat(transport.keepAlive()).isTrue();
  }

  @Test
  void recordsTheRegisteredProducer() {
    assertThat(transport.producer()).isEmpty();
    assertThat(transport.streaming()).isFalse();

    RecordingPushProducer push = new RecordingPushProducer();
    transport.registerProducer(push, true);
    assertThat(transport.producer()).containsSame(push);
    assertThat(transport.streaming()).isTrue();

    transport.unregisterProducer();
    assertThat(transport.producer()).isEmpty();
    transport.unregisterProducer();

    RecordingPullProducer pull = new RecordingPullProducer();
    transport.registerProducer(pull, false);
    assertThat(transport.producer()).containsSame(pull);
    assertThat(transport.streaming()).isFalse();
    assertThat(events).as("the test drives the producer, not the transport").isEmpty();
  }

  @Test
  void refusesASecondProducer() {
    RecordingPushProducer first = new RecordingPushProducer();
    transport.registerProducer(first, true);
    assertThatThrownBy(() -> transport.registerProducer(new RecordingPushProducer(), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already registered");
    assertThat(transport.producer()).containsSame(first);
  }

  @Test
  void refusesAProducerOfTheWrongKind() {
    assertThatThrownBy(() -> transport.registerProducer(new RecordingPullProducer(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PushProducer");
    assertThatThrownBy(() -> transport.registerProducer(new RecordingPushProducer(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PullProducer");
    assertThat(transport.producer()).isEmpty();
  }

  @Test
  void recordsPausingAndResumingReads() {
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    transport.pauseProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
    transport.pauseProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
    transport.resumeProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @Test
  void stoppingClosesAndForbidsPausingOrResuming() {
    transport.stopProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.STOPPED);
    assertThat(transport.disconnecting()).isTrue();
    assertThatThrownBy(transport::resumeProducing)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
    assertThatThrownBy(transport::pauseProducing).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reportsACleanCloseOnce() {
    Recorder protocol = new Recorder();
    protocol.makeConnection(transport);
    transport.reportDisconnection(protocol);
    assertThat(takeEvents()).containsExactly("made");

    transport.loseConnection();
    assertThat(takeEvents()).containsExactly("lost ConnectionDone");
    transport.loseConnection();
    transport.abortConnection();
    assertThat(events).isEmpty();
    transport.write(Bytes.ascii("after the end"));
    assertThat(transport.value()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void reportsAnAbortAfterStoppingTheProducer() {
    Recorder protocol = new Recorder();
    protocol.makeConnection(transport);
    transport.reportDisconnection(protocol);
    transport.registerProducer(new RecordingPushProducer(), true);
    takeEvents();

    transport.abortConnection();
    assertThat(takeEvents()).containsExactly("producer stopped", "lost ConnectionAborted");
    assertThat(transport.producer()).isEmpty();
  }

  @Test
  void cleanCloseWaitsForTheProducerToUnregister() {
    Recorder protocol = new Recorder();
    protocol.makeConnection(transport);
    transport.reportDisconnection(protocol);
    transport.registerProducer(new RecordingPushProducer(), true);
    takeEvents();

    transport.loseConnection();
    assertThat(events).isEmpty();
    transport.unregisterProducer();
    assertThat(takeEvents()).containsExactly("lost ConnectionDone");
  }

  @Test
  void reportsACloseThatWasAlreadyAskedFor() {
    Recorder protocol = new Recorder();
    protocol.makeConnection(transport);
    takeEvents();
    transport.loseConnection();

    transport.reportDisconnection(protocol);
    assertThat(takeEvents()).containsExactly("lost ConnectionDone");
  }

  @Test
  void stoppingReportsACleanClose() {
    Recorder protocol = new Recorder();
    protocol.makeConnection(transport);
    transport.reportDisconnection(protocol);
    takeEvents();

    transport.stopProducing();
    assertThat(takeEvents()).containsExactly("lost ConnectionDone");
  }

  @Test
  void reportsTheWriteHalfClosingToAHalfCloseableProtocol() {
    Recorder protocol = new Recorder();
    protocol.makeConnection(transport);
    transport.reportDisconnection(protocol);
    takeEvents();

    transport.loseWriteConnection();
    transport.loseWriteConnection();
    assertThat(takeEvents()).containsExactly("write lost");
    transport.loseConnection();
    assertThat(takeEvents()).containsExactly("lost ConnectionDone");
  }

  @Test
  void reportsToOneProtocolOnly() {
    Recorder protocol = new Recorder();
    transport.reportDisconnection(protocol);
    assertThatThrownBy(() -> transport.reportDisconnection(new Recorder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already reporting");
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> transport.write((Bytes) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new StringTransport(StringTransport.DEFAULT_HOST, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("peer");
  }
}
