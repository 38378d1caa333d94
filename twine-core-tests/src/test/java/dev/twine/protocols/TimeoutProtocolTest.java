package dev.twine.protocols;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@TwineTest
class TimeoutProtocolTest {
  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();

  /** Echoes what it receives and records the end of its connection. */
  private final class Echo extends Protocol {
    @Override
    public void dataReceived(Bytes data) {
      transport().write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost " + reason.type().getSimpleName());
    }
  }

  private TimeoutProtocol connected(Clock clock) {
    TimeoutProtocol protocol = new TimeoutProtocol(new Echo(), clock, ofSeconds(10));
    transport.reportDisconnection(protocol);
    protocol.makeConnection(transport);
    return protocol;
  }

  @Test
  void closesAConnectionIdleForThePeriod(Clock clock) {
    connected(clock);
    clock.advance(ofSeconds(9));
    assertThat(transport.disconnecting()).isFalse();
    clock.advance(ofSeconds(1));
    assertThat(transport.disconnecting()).isTrue();
    assertThat(transport.aborted()).isFalse();
    assertThat(events).containsExactly("lost ConnectionDone");
  }

  @Test
  void readsRestartTheCountdown(Clock clock) {
    TimeoutProtocol protocol = connected(clock);
    clock.advance(ofSeconds(9));
    protocol.dataReceived(Bytes.ascii("ping"));
    clock.advance(ofSeconds(9));
    assertThat(transport.disconnecting()).isFalse();
    assertThat(transport.value()).isEqualTo(Bytes.ascii("ping"));
    clock.advance(ofSeconds(1));
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void writesRestartTheCountdown(Clock clock, @TempDir Path dir) throws IOException {
    TimeoutProtocol protocol = connected(clock);
    clock.advance(ofSeconds(9));
    protocol.wrapped().transport().write(Bytes.ascii("tick"));
    clock.advance(ofSeconds(9));
    protocol.wrapped().transport().writeSequence(List.of(Bytes.ascii("tock")));
    clock.advance(ofSeconds(9));
    try (FileChannel file = FileChannel.open(Files.write(dir.resolve("region"), new byte[3]))) {
      protocol.wrapped().transport().writeFile(file, 0, 3);
    }
    clock.advance(ofSeconds(9));
    assertThat(transport.disconnecting()).isFalse();
    clock.advance(ofSeconds(1));
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void theEndOfTheConnectionCancelsTheCountdown(Clock clock) {
    TimeoutProtocol protocol = connected(clock);
    protocol.wrapped().transport().loseConnection();
    assertThat(events).containsExactly("lost ConnectionDone");
    assertThat(protocol.timeout().running()).isFalse();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void itsFactoryWrapsEveryProtocolWithTheSamePeriod(Clock clock) {
    WrappingFactory factory =
        TimeoutProtocol.factory(Factory.forProtocol(Echo::new), clock, ofSeconds(30));
    Protocol built = factory.buildProtocol(StringTransport.DEFAULT_PEER);
    assertThat(built).isInstanceOf(TimeoutProtocol.class);
    TimeoutProtocol timeout = (TimeoutProtocol) built;
    assertThat(timeout.wrapped()).isInstanceOf(Echo.class);
    assertThat(timeout.timeout().period()).isEqualTo(ofSeconds(30));
    assertThat(timeout.timeout().running()).as("not connected yet").isFalse();
  }

  @Test
  void itsFactoryRefusesABadPeriodAtOnce(Clock clock) {
    Factory echo = Factory.forProtocol(Echo::new);
    assertThatThrownBy(() -> TimeoutProtocol.factory(echo, clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
