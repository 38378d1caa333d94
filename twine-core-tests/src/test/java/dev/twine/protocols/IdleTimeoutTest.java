package dev.twine.protocols;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@TwineTest
class IdleTimeoutTest {
  private final List<Double> firings = new ArrayList<>();

  private IdleTimeout recording(Clock clock, Duration period) {
    return new IdleTimeout(clock, period, () -> firings.add(clock.seconds()));
  }

  @Test
  void doesNothingUntilStarted(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.resetTimeout();
    clock.advance(ofSeconds(60));
    assertThat(firings).isEmpty();
    assertThat(timeout.running()).isFalse();
  }

  @Test
  void firesOnceAfterAWholePeriodOfIdleness(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.start();
    assertThat(timeout.running()).isTrue();
    clock.advance(ofSeconds(9));
    assertThat(firings).isEmpty();
    clock.advance(ofSeconds(1));
    assertThat(firings).containsExactly(10.0);
    assertThat(timeout.running()).isFalse();
    clock.advance(ofSeconds(60));
    assertThat(firings).containsExactly(10.0);
  }

  @Test
  void activityPostponesIt(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.start();
    clock.advance(ofSeconds(6));
    timeout.resetTimeout();
    clock.advance(ofSeconds(6));
    timeout.resetTimeout();
    clock.advance(ofSeconds(9));
    assertThat(firings).isEmpty();
    clock.advance(ofSeconds(1));
    assertThat(firings).containsExactly(22.0);
  }

  @Test
  void activityAfterItFiredStartsNothing(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.start();
    clock.advance(ofSeconds(10));
    timeout.resetTimeout();
    clock.advance(ofSeconds(30));
    assertThat(firings).containsExactly(10.0);

    timeout.start();
    clock.advance(ofSeconds(10));
    assertThat(firings).containsExactly(10.0, 50.0);
  }

  @Test
  void startingTwiceRestartsTheOneCountdown(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.start();
    clock.advance(ofSeconds(5));
    timeout.start();
    assertThat(clock.pendingCalls()).hasSize(1);
    clock.advance(ofSeconds(9));
    assertThat(firings).isEmpty();
    clock.advance(ofSeconds(1));
    assertThat(firings).containsExactly(15.0);
  }

  @Test
  void setTimeoutChangesThePeriodRestartsAndReturnsThePreviousOne(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.start();
    clock.advance(ofSeconds(8));
    assertThat(timeout.setTimeout(ofSeconds(5))).isEqualTo(ofSeconds(10));
    assertThat(timeout.period()).isEqualTo(ofSeconds(5));
    clock.advance(ofSeconds(4));
    timeout.resetTimeout();
    clock.advance(ofSeconds(5));
    assertThat(firings).containsExactly(17.0);

    assertThat(timeout.setTimeout(ofSeconds(1))).isEqualTo(ofSeconds(5));
    assertThat(timeout.running()).as("setTimeout starts a countdown that had fired").isTrue();
    clock.advance(ofSeconds(1));
    assertThat(firings).containsExactly(17.0, 18.0);
  }

  @Test
  void cancellingLeavesNothingScheduled(Clock clock) {
    IdleTimeout timeout = recording(clock, ofSeconds(10));
    timeout.start();
    timeout.cancelTimeout();
    timeout.cancelTimeout();
    timeout.resetTimeout();
    assertThat(timeout.running()).isFalse();
    assertThat(clock.pendingCalls()).isEmpty();
    clock.advance(ofSeconds(60));
    assertThat(firings).isEmpty();
  }

  @Test
  void refusesAPeriodThatIsNotPositive(Clock clock) {
    assertThatThrownBy(() -> recording(clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    IdleTimeout timeout = recording(clock, ofSeconds(1));
    assertThatThrownBy(() -> timeout.setTimeout(ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(timeout.period()).isEqualTo(ofSeconds(1));
  }

  /** A line protocol that closes connections idle for ten seconds; lines count as activity. */
  private static final class Session extends LineReceiver {
    private final IdleTimeout idle;
    private final List<String> events;

    Session(Clock clock, List<String> events) {
      this.idle = new IdleTimeout(this, clock, ofSeconds(10));
      this.events = events;
    }

    @Override
    public void connectionMade() {
      idle.start();
    }

    @Override
    protected void lineReceived(Bytes line) {
      idle.resetTimeout();
      events.add(line.ascii());
    }

    @Override
    public void connectionLost(Failure reason) {
      idle.cancelTimeout();
      events.add("lost " + reason.type().getSimpleName());
    }
  }

  @Test
  void aProtocolUsingItIsClosedWhenIdle(Clock clock) {
    List<String> events = new ArrayList<>();
    StringTransport transport = new StringTransport();
    Protocol session = new Session(clock, events);
    transport.reportDisconnection(session);
    session.makeConnection(transport);

    clock.advance(ofSeconds(8));
    session.dataReceived(Bytes.ascii("still here\r\n"));
    clock.advance(ofSeconds(8));
    assertThat(transport.disconnecting()).isFalse();
    clock.advance(ofSeconds(2));
    assertThat(transport.disconnecting()).isTrue();
    assertThat(events).containsExactly("still here", "lost ConnectionDone");
  }

  @Test
  void aProtocolUsingItCancelsItWhenTheConnectionEnds(Clock clock) {
    List<String> events = new ArrayList<>();
    StringTransport transport = new StringTransport();
    Protocol session = new Session(clock, events);
    transport.reportDisconnection(session);
    session.makeConnection(transport);

    transport.loseConnection();
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(events).containsExactly("lost ConnectionDone");
  }
}
