package dev.twine.testing;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.internet.DelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockTest {
  private final Clock clock = new Clock();
  private final List<String> events = new ArrayList<>();

  /** Schedules a call that records its name and the time it saw. */
  private DelayedCall record(Duration delay, String name) {
    return clock.callLater(delay, () -> events.add(name + "@" + clock.seconds()));
  }

  @Test
  void startsAtZeroWithNothingPending() {
    assertThat(clock.seconds()).isZero();
    assertThat(clock.now()).isEqualTo(ZERO);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void advanceMovesTimeAndRunsCallsWhenTheyAreDue() {
    DelayedCall call = record(ofSeconds(2), "a");

    clock.advance(ofSeconds(1));
    assertThat(events).isEmpty();
    assertThat(call.active()).isTrue();

    clock.advance(ofSeconds(1));
    assertThat(events).containsExactly("a@2.0");
    assertThat(call.active()).isFalse();
    assertThat(clock.now()).isEqualTo(ofSeconds(2));
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void callsRunInOrderOfTimeThenOfScheduling() {
    record(ofSeconds(2), "late");
    record(ofSeconds(1), "first");
    record(ofSeconds(1), "second");
    record(ofSeconds(1), "third");

    clock.advance(ofSeconds(2));

    assertThat(events).containsExactly("first@2.0", "second@2.0", "third@2.0", "late@2.0");
  }

  @Test
  void pumpAdvancesStepByStepSoCallsSeeEachIntermediateTime() {
    record(ofSeconds(1), "a");
    record(ofSeconds(2), "b");
    record(ofSeconds(3), "c");

    clock.pump(List.of(ofSeconds(1), ofSeconds(1), ofSeconds(1)));

    assertThat(events).containsExactly("a@1.0", "b@2.0", "c@3.0");
    assertThat(clock.seconds()).isEqualTo(3.0);
  }

  @Test
  void timeIsWhenTheCallIsDue() {
    clock.advance(ofMillis(500));
    DelayedCall call = record(ofMillis(1250), "a");

    assertThat(call.time()).isEqualTo(1.75);
    assertThat(clock.pendingCalls()).containsExactly(call);
  }

  @Test
  void pendingCallsAreListedSoonestFirst() {
    DelayedCall later = record(ofSeconds(3), "later");
    DelayedCall sooner = record(ofSeconds(1), "sooner");
    DelayedCall middle = record(ofSeconds(2), "middle");

    assertThat(clock.pendingCalls()).containsExactly(sooner, middle, later);
    clock.advance(ofSeconds(1));
    assertThat(clock.pendingCalls()).containsExactly(middle, later);
  }

  @Test
  void aCancelledCallNeverRuns() {
    DelayedCall call = record(ofSeconds(1), "a");

    call.cancel();
    clock.advance(ofSeconds(5));

    assertThat(call.active()).isFalse();
    assertThat(events).isEmpty();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void cancellingTwiceFails() {
    DelayedCall call = record(ofSeconds(1), "a");
    call.cancel();

    assertThatThrownBy(call::cancel)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cancelled");
  }

  @Test
  void cancellingACallThatRanFails() {
    DelayedCall call = record(ofSeconds(1), "a");
    clock.advance(ofSeconds(1));

    assertThatThrownBy(call::cancel)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("called");
  }

  @Test
  void aCallIsNoLongerActiveWhileItRuns() {
    List<Throwable> seen = new ArrayList<>();
    DelayedCall[] self = new DelayedCall[1];
    self[0] = clock.callLater(ofSeconds(1), () -> {
      events.add("active=" + self[0].active());
      try {
        self[0].cancel();
      } catch (IllegalStateException e) {
        seen.add(e);
      }
    });

    clock.advance(ofSeconds(1));

    assertThat(events).containsExactly("active=false");
    assertThat(seen).singleElement().isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resetMovesACallLater() {
    DelayedCall call = record(ofSeconds(2), "a");
    clock.advance(ofSeconds(1));

    call.reset(ofSeconds(3));
    assertThat(call.time()).isEqualTo(4.0);
    clock.advance(ofSeconds(2));
    assertThat(events).isEmpty();
    clock.advance(ofSeconds(1));
    assertThat(events).containsExactly("a@4.0");
  }

  @Test
  void resetMovesACallSooner() {
    DelayedCall call = record(ofSeconds(4), "a");

    call.reset(ofSeconds(3));
    clock.advance(ofSeconds(3));

    assertThat(call.time()).isEqualTo(3.0);
    assertThat(events).containsExactly("a@3.0");
  }

  @Test
  void resetRejectsANegativeDelayAndACallThatRan() {
    DelayedCall call = record(ofSeconds(1), "a");

    assertThatThrownBy(() -> call.reset(ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S");
    assertThat(call.time()).isEqualTo(1.0);

    clock.advance(ofSeconds(1));
    assertThatThrownBy(() -> call.reset(ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("called");
    assertThatThrownBy(() -> call.delay(ofSeconds(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void delayMovesACallByTheGivenAmount() {
    DelayedCall call = record(ofSeconds(1), "a");

    call.delay(ofSeconds(1));
    assertThat(call.time()).isEqualTo(2.0);
    clock.advance(ofMillis(1500));
    assertThat(events).isEmpty();
    clock.advance(ofSeconds(1));
    assertThat(events).containsExactly("a@2.5");
  }

  @Test
  void aCallMovedToTheTimeOfAnotherRunsAfterIt() {
    DelayedCall a = record(ofSeconds(1), "a");
    record(ofSeconds(2), "b");

    a.reset(ofSeconds(2));
    clock.advance(ofSeconds(2));

    assertThat(events).containsExactly("b@2.0", "a@2.0");
  }

  @Test
  void aCallResetLaterRunsAfterACallScheduledInBetween() {
    DelayedCall a = record(ofSeconds(1), "a");
    a.reset(ofSeconds(3));
    record(ofSeconds(2), "b");

    clock.pump(Collections.nCopies(3, ofSeconds(1)));

    assertThat(events).containsExactly("b@2.0", "a@3.0");
  }

  @Test
  void aCallResetByARunningCallKeepsTheOrder() {
    DelayedCall b = record(ofSeconds(2), "b");
    clock.callLater(ofSeconds(1), () -> b.reset(ofSeconds(3)));
    record(ofSeconds(3), "c");

    clock.pump(Collections.nCopies(10, ofMillis(500)));

    assertThat(events).containsExactly("c@3.0", "b@4.0");
  }

  @Test
  void aCallScheduledByARunningCallForATimeReachedRunsInTheSameAdvance() {
    clock.callLater(ofSeconds(1), () -> {
      events.add("outer@" + clock.seconds());
      record(ZERO, "now");
      record(ofMillis(500), "soon");
      record(ofSeconds(2), "later");
    });

    clock.advance(ofSeconds(2));

    assertThat(events).containsExactly("outer@2.0", "now@2.0");
    assertThat(clock.pendingCalls()).extracting(DelayedCall::time).containsExactly(2.5, 4.0);
  }

  @Test
  void negativeDelaysAndAdvancesAreRejected() {
    assertThatThrownBy(() -> clock.callLater(ofMillis(-1), () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> clock.advance(ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(clock.seconds()).isZero();
  }

  @Test
  void anExceptionFromACallReachesTheTestAndLaterCallsStillRun() {
    clock.callLater(ofSeconds(1), () -> {
      throw new IllegalStateException("boom");
    });
    record(ofSeconds(1), "after");

    assertThatThrownBy(() -> clock.advance(ofSeconds(1))).hasMessage("boom");
    assertThat(events).isEmpty();

    clock.advance(ZERO);
    assertThat(events).containsExactly("after@1.0");
  }
}
