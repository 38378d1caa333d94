package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrappingFactoryTest {
  private final List<String> events = new ArrayList<>();

  /** A client factory that records what it is told. */
  private final class RecordingFactory implements ClientFactory {
    @Override
    public Protocol buildProtocol(Address address) {
      events.add("build for " + address);
      return new Protocol() {};
    }

    @Override
    public void startFactory() {
      events.add("start");
    }

    @Override
    public void stopFactory() {
      events.add("stop");
    }

    @Override
    public void startedConnecting(Connector connector) {
      events.add("connecting");
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
      events.add("failed " + reason.type().getSimpleName());
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
      events.add("lost " + reason.type().getSimpleName());
    }
  }

  private static final Connector CONNECTOR = new Connector() {
    @Override
    public Address destination() {
      return StringTransport.DEFAULT_PEER;
    }

    @Override
    public State state() {
      return State.CONNECTING;
    }

    @Override
    public void stopConnecting() {}

    @Override
    public void disconnect() {}

    @Override
    public void connect() {}
  };

  @Test
  void wrapsEachProtocolOfTheWrappedFactory() {
    RecordingFactory recording = new RecordingFactory();
    WrappingFactory factory = new WrappingFactory(recording, ProtocolWrapper::new);
    Protocol built = factory.buildProtocol(StringTransport.DEFAULT_PEER);

    assertThat(built).isInstanceOf(ProtocolWrapper.class);
    assertThat(((ProtocolWrapper) built).wrapped()).isNotNull().isNotInstanceOf(ProtocolWrapper.class);
    assertThat(events).containsExactly("build for " + StringTransport.DEFAULT_PEER);
    assertThat(factory.wrapped()).isSameAs(recording);
  }

  @Test
  void refusesWhatTheWrappedFactoryRefuses() {
    List<Protocol> wrapped = new ArrayList<>();
    WrappingFactory factory = new WrappingFactory(address -> null, protocol -> {
      wrapped.add(protocol);
      return protocol;
    });
    assertThat(factory.buildProtocol(StringTransport.DEFAULT_PEER)).isNull();
    assertThat(wrapped).isEmpty();
  }

  @Test
  void passesStartAndStopOn() {
    WrappingFactory factory = new WrappingFactory(new RecordingFactory(), ProtocolWrapper::new);
    factory.startFactory();
    factory.stopFactory();
    assertThat(events).containsExactly("start", "stop");
  }

  @Test
  void passesConnectionAttemptsOnToAWrappedClientFactory() {
    WrappingFactory factory = new WrappingFactory(new RecordingFactory(), ProtocolWrapper::new);
    factory.startedConnecting(CONNECTOR);
    factory.clientConnectionFailed(CONNECTOR, Failure.of(new ConnectionRefused("no", null)));
    factory.clientConnectionLost(CONNECTOR, Failure.of(new ConnectionLost("reset", null)));
    assertThat(events).containsExactly("connecting", "failed ConnectionRefused", "lost ConnectionLost");
  }

  @Test
  void ignoresConnectionAttemptsWhenTheWrappedFactoryIsNoClientFactory() {
    Factory server = Factory.forProtocol(() -> new Protocol() {});
    WrappingFactory factory = new WrappingFactory(server, ProtocolWrapper::new);
    factory.startedConnecting(CONNECTOR);
    factory.clientConnectionLost(CONNECTOR, Failure.of(new ConnectionLost("reset", null)));
    assertThat(factory.buildProtocol(StringTransport.DEFAULT_PEER)).isInstanceOf(ProtocolWrapper.class);
  }

  @Test
  void failsWhenTheWrappingFunctionReturnsNull() {
    WrappingFactory factory = new WrappingFactory(new RecordingFactory(), protocol -> null);
    assertThatThrownBy(() -> factory.buildProtocol(StringTransport.DEFAULT_PEER))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("wrapping function");
  }
}
