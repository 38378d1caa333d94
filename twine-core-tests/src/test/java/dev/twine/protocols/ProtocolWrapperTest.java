package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import dev.twine.internet.Transport;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransport.ProducerState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolWrapperTest {
  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();
  private final Recorder inner = new Recorder();

  private class Recorder extends Protocol {
    @Override
    public void connectionMade() {
      events.add("inner made");
    }

    @Override
    public void dataReceived(Bytes data) {
      events.add("inner got " + data.ascii());
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("inner lost " + reason.type().getSimpleName());
    }
  }

  private static final class IdleProducer implements PushProducer {
    @Override
    public void pauseProducing() {}

    @Override
    public void resumeProducing() {}

    @Override
    public void stopProducing() {}
  }

  @Test
  void passesTheConnectionsEventsToTheWrappedProtocol() {
    ProtocolWrapper wrapper = new ProtocolWrapper(inner);
    wrapper.makeConnection(transport);
    wrapper.dataReceived(Bytes.ascii("hello"));
    wrapper.connectionLost(Failure.of(new ConnectionDone("bye")));

    assertThat(events).containsExactly("inner made", "inner got hello", "inner lost ConnectionDone");
    assertThat(wrapper.wrapped()).isSameAs(inner);
    assertThat(wrapper.transport()).isSameAs(transport);
  }

  @Test
  void givesTheWrappedProtocolATransportThatWritesToTheRealOne() {
    new ProtocolWrapper(inner).makeConnection(transport);
    Transport seen = inner.transport();
    assertThat(seen).isNotSameAs(transport).isInstanceOf(StreamTransport.class);

    seen.write(Bytes.ascii("one "));
    seen.writeSequence(List.of(Bytes.ascii("two "), Bytes.ascii("three")));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("one two three"));
    assertThat(seen.peer()).isEqualTo(transport.peer());
    assertThat(seen.host()).isEqualTo(transport.host());
    assertThat(seen.secure()).isFalse();
  }

  @Test
  void passesFlowControlAndProducersThrough() {
    new ProtocolWrapper(inner).makeConnection(transport);
    Transport seen = inner.transport();

    seen.pauseProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
    seen.resumeProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);

    Producer producer = new IdleProducer();
    seen.registerProducer(producer, true);
    assertThat(transport.producer()).containsSame(producer);
    assertThat(transport.streaming()).isTrue();
    seen.unregisterProducer();
    assertThat(transport.producer()).isEmpty();

    seen.stopProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.STOPPED);
  }

  @Test
  void passesStreamOperationsThrough() {
    new ProtocolWrapper(inner).makeConnection(transport);
    StreamTransport seen = (StreamTransport) inner.transport();

    seen.setNoDelay(false);
    seen.setKeepAlive(true);
    assertThat(transport.noDelay()).isFalse();
    assertThat(transport.keepAlive()).isTrue();
    assertThat(seen.noDelay()).isFalse();
    assertThat(seen.keepAlive()).isTrue();
    seen.loseWriteConnection();
    assertThat(transport.writeDisconnecting()).isTrue();
  }

  @Test
  void passesClosingThrough() {
    new ProtocolWrapper(inner).makeConnection(transport);
    inner.transport().loseConnection();
    assertThat(transport.disconnecting()).isTrue();
    assertThat(transport.aborted()).isFalse();
    inner.transport().abortConnection();
    assertThat(transport.aborted()).isTrue();
  }

  @Test
  void givesAPlainTransportWhenTheRealOneIsNotAStreamTransport() {
    new ProtocolWrapper(inner).makeConnection(new PlainTransport(transport));
    assertThat(inner.transport()).isNotInstanceOf(StreamTransport.class);
    inner.transport().write(Bytes.ascii("still works"));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("still works"));
  }

  /** Counts bytes both ways and watches the end, as a policy would. */
  private final class Counting extends ProtocolWrapper {
    long in;
    long out;

    Counting(Protocol wrapped) {
      super(wrapped);
    }

    @Override
    public void dataReceived(Bytes data) {
      in += data.size();
      super.dataReceived(data);
    }

    @Override
    protected void write(Bytes data) {
      out += data.size();
      super.write(data);
    }

    @Override
    protected void writeSequence(List<Bytes> data) {
      data.forEach(item -> out += item.size());
      super.writeSequence(data);
    }

    @Override
    protected void loseConnection() {
      events.add("policy saw close");
      super.loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("policy saw end");
      super.connectionLost(reason);
    }
  }

  @Test
  void aPolicyInterceptsReadsWritesAndClosing() {
    Counting counting = new Counting(inner);
    transport.reportDisconnection(counting);
    counting.makeConnection(transport);

    counting.dataReceived(Bytes.ascii("12345"));
    inner.transport().write(Bytes.ascii("abc"));
    inner.transport().writeSequence(List.of(Bytes.ascii("de"), Bytes.ascii("f")));
    inner.transport().loseConnection();

    assertThat(counting.in).isEqualTo(5);
    assertThat(counting.out).isEqualTo(6);
    assertThat(events).containsExactly(
        "inner made", "inner got 12345", "policy saw close", "policy saw end", "inner lost ConnectionDone");
  }

  @Test
  void connectsOnlyOnce() {
    ProtocolWrapper wrapper = new ProtocolWrapper(inner);
    wrapper.makeConnection(transport);
    assertThatThrownBy(() -> wrapper.makeConnection(new StringTransport()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A transport that is not a stream transport, over a StringTransport. */
  private record PlainTransport(StringTransport real) implements Transport {
    @Override
    public void write(Bytes data) {
      real.write(data);
    }

    @Override
    public void loseConnection() {
      real.loseConnection();
    }

    @Override
    public void abortConnection() {
      real.abortConnection();
    }

    @Override
    public Address peer() {
      return real.peer();
    }

    @Override
    public Address host() {
      return real.host();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
      real.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
      real.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
      real.pauseProducing();
    }

    @Override
    public void resumeProducing() {
      real.resumeProducing();
    }

    @Override
    public void stopProducing() {
      real.stopProducing();
    }
  }

  @Test
  void aPolicyInterceptsPausingAndThePeerAddress() {
    Address client = new IPv4Address(AddressType.TCP, "198.51.100.7", 4000);
    ProtocolWrapper wrapper = new ProtocolWrapper(inner) {
      @Override
      protected void pauseProducing() {
        events.add("pause");
      }

      @Override
      protected void resumeProducing() {
        events.add("resume");
        super.resumeProducing();
      }

      @Override
      protected Address peer() {
        return client;
      }
    };
    wrapper.makeConnection(transport);
    inner.transport().pauseProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    inner.transport().resumeProducing();

    assertThat(events).containsExactly("inner made", "pause", "resume");
    assertThat(inner.transport().peer()).isEqualTo(client);
    assertThat(wrapper.transport().peer()).isEqualTo(StringTransport.DEFAULT_PEER);
  }
}
