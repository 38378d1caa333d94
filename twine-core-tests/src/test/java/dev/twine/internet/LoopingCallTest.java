package dev.twine.internet;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LoopingCallTest {
  private final Clock clock = new Clock();
  /** The times, in milliseconds, at which the work ran. */
  private final List<Long> runs = new ArrayList<>();
  /** What withCount work received, as "time:count". */
  private final List<String> counts = new ArrayList<>();

  private LoopingCall recording() {
    return LoopingCall.of(clock, loop -> runs.add(clock.now().toMillis()));
  }

  private LoopingCall counting() {
    return LoopingCall.withCount(clock, count -> counts.add(clock.now().toMillis() + ":" + count));
  }

  @Test
  void runsAtOnceThenOncePerInterval() {
    LoopingCall loop = recording();
    CompletableFuture<LoopingCall> stopped = loop.start(ofMillis(100), true).toCompletableFuture();

    clock.pump(List.of(ofMillis(50), ofMillis(100), ofMillis(100)));

    assertThat(runs).containsExactly(0L, 150L, 250L);
    assertThat(stopped).isNotDone();
    loop.stop();
    assertThat(stopped).isCompletedWithValue(loop);
    assertThat(loop.running()).isFalse();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void startingLaterWaitsOneIntervalBeforeTheFirstRun() {
    LoopingCall loop = recording();
    loop.start(ofMillis(100), false);

    clock.pump(List.of(ofMillis(50), ofMillis(100), ofMillis(100)));

    assertThat(runs).containsExactly(150L, 250L);
  }

  @Test
  void stoppingBeforeTheFirstRunRunsNothingAndLeavesNothingScheduled() {
    for (var interval : List.of(ZERO, ofSeconds(10))) {
      LoopingCall loop = recording();
      CompletableFuture<LoopingCall> stopped = loop.start(interval, false).toCompletableFuture();

      loop.stop();
      clock.advance(ofSeconds(20));

      assertThat(runs).isEmpty();
      assertThat(stopped).isCompletedWithValue(loop);
      assertThat(clock.pendingCalls()).isEmpty();
    }
  }

  @Test
  void runsStayAlignedToTheStartTimeAndSkipIntervalsTheWorkOverran() {
    long[] workTakes = {2000};
    LoopingCall loop = LoopingCall.of(clock, l -> {
      runs.add(clock.now().toMillis());
      clock.advance(ofMillis(workTakes[0]));
    });

    loop.start(ofMillis(500), true);
    assertThat(runs).containsExactly(0L);
    assertThat(clock.now()).isEqualTo(ofSeconds(2));

    clock.advance(ZERO); // 2.0 is a boundary, but it is now rather than ahead: skipped
    assertThat(runs).containsExactly(0L);

    workTakes[0] = 1000;
    clock.advance(ofMillis(500));
    assertThat(runs).containsExactly(0L, 2500L);
    assertThat(clock.now()).isEqualTo(ofMillis(3500));

    workTakes[0] = 0;
    clock.advance(ZERO);
    assertThat(runs).containsExactly(0L, 2500L);
    clock.advance(ofMillis(500));
    assertThat(runs).containsExactly(0L, 2500L, 4000L);
  }

  @Test
  void aLateClockRunsOnceAndNotForEveryIntervalMissed() {
    recording().start(ofMillis(500), true);

    clock.advance(ofSeconds(2));
    assertThat(runs).containsExactly(0L, 2000L);
    clock.advance(ofSeconds(1));
    assertThat(runs).containsExactly(0L, 2000L, 3000L);
    clock.advance(ZERO);
    assertThat(runs).containsExactly(0L, 2000L, 3000L);
  }

  @Test
  void withCountTellsHowManyIntervalsWentBy() {
    counting().start(ofMillis(500), true);
    assertThat(counts).containsExactly("0:1");

    clock.advance(ofMillis(510));
    assertThat(counts).containsExactly("0:1", "510:1");

    clock.advance(ofMillis(1510));
    assertThat(counts).containsExactly("0:1", "510:1", "2020:3");

    clock.advance(ZERO);
    assertThat(counts).hasSize(3);
  }

  @Test
  void withCountCountsOnlyWholeIntervalsMissed() {
    counting().start(ofMillis(500), true);

    clock.advance(ofMillis(510));
    clock.advance(ofMillis(875)); // late for the run due at 1.0, but the next is due at 1.5
    clock.advance(ofMillis(125));

    assertThat(counts).containsExactly("0:1", "510:1", "1385:1", "1510:1");
  }

  @Test
  void withCountOnAZeroIntervalAlwaysCountsOne() {
    LoopingCall[] loop = new LoopingCall[1];
    List<Integer> seen = new ArrayList<>();
    loop[0] = LoopingCall.withCount(clock, count -> {
      seen.add(count);
      clock.advance(ofSeconds(1)); // however long a run takes
      if (seen.size() == 5) {
        loop[0].stop();
      }
    });
    CompletableFuture<LoopingCall> stopped = loop[0].start(ZERO, false).toCompletableFuture();

    clock.advance(ZERO);

    assertThat(seen).containsExactly(1, 1, 1, 1, 1);
    assertThat(stopped).isCompletedWithValue(loop[0]);
  }

  @Test
  void aZeroIntervalRunsOnEveryTurnWithoutTimePassing() {
    LoopingCall[] loop = new LoopingCall[1];
    loop[0] = LoopingCall.of(clock, l -> {
      runs.add(clock.now().toMillis());
      if (runs.size() == 6) {
        l.stop();
      }
    });
    CompletableFuture<LoopingCall> stopped = loop[0].start(ZERO, true).toCompletableFuture();
    assertThat(runs).containsExactly(0L);
    assertThat(clock.pendingCalls()).singleElement().satisfies(call -> assertThat(call.time()).isZero());

    clock.advance(ZERO);

    assertThat(runs).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(stopped).isCompletedWithValue(loop[0]);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void theWorkCanStopTheLoopItRunsIn() {
    LoopingCall loop = LoopingCall.of(clock, l -> {
      runs.add(clock.now().toMillis());
      if (runs.size() == 3) {
        l.stop();
      }
    });
    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();

    clock.pump(List.of(ofSeconds(1), ofSeconds(1), ofSeconds(1), ofSeconds(1)));

    assertThat(runs).containsExactly(0L, 1000L, 2000L);
    assertThat(stopped).isCompletedWithValue(loop);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void resetSkipsTheNextRunAndRestartsTheTimer() {
    LoopingCall loop = recording();
    loop.start(ofSeconds(2), false);

    clock.advance(ofSeconds(1));
    loop.reset();
    clock.advance(ofSeconds(1));
    assertThat(runs).isEmpty();
    clock.advance(ofSeconds(1));
    assertThat(runs).containsExactly(3000L);
    clock.advance(ofSeconds(2));
    assertThat(runs).containsExactly(3000L, 5000L);
  }

  @Test
  void deferredWorkDelaysTheNextRunUntilItFires() {
    List<Deferred<String>> pending = new ArrayList<>();
    LoopingCall loop = LoopingCall.ofDeferred(clock, l -> {
      runs.add(clock.now().toMillis());
      Deferred<String> work = new Deferred<>();
      pending.add(work);
      return work;
    });
    loop.start(ofMillis(200), true);

    clock.pump(List.of(ofMillis(200), ofMillis(200), ofMillis(300)));
    assertThat(runs).containsExactly(0L);
    assertThat(loop.running()).isTrue();
    assertThat(clock.pendingCalls()).isEmpty();

    pending.get(0).callback("ignored"); // at 0.7: the next boundary is 0.8
    clock.advance(ofMillis(99));
    assertThat(runs).containsExactly(0L);
    clock.advance(ofMillis(1));
    assertThat(runs).containsExactly(0L, 800L);
  }

  @Test
  void stoppingWhileDeferredWorkIsPendingFiresWhenItFires() {
    LoopingCall loop = LoopingCall.ofDeferred(clock, l -> {
      runs.add(clock.now().toMillis());
      return Tasks.deferLater(clock, ofSeconds(1)).onSuccess(ignored -> l.stop());
    });
    CompletableFuture<LoopingCall> stopped = loop.start(ofMillis(200), true).toCompletableFuture();

    clock.advance(ofMillis(999));
    assertThat(stopped).isNotDone();
    clock.advance(ofMillis(1));

    assertThat(runs).containsExactly(0L);
    assertThat(stopped).isCompletedWithValue(loop);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void withCountDeferredCountsTheIntervalsMissedWhileWaiting() {
    Deferred<String> slow = new Deferred<>();
    List<Integer> seen = new ArrayList<>();
    LoopingCall loop = LoopingCall.withCountDeferred(clock, count -> {
      seen.add(count);
      return seen.size() == 1 ? slow : Deferred.succeed("quick");
    });
    loop.start(ofMillis(200), false);
    assertThat(seen).isEmpty();

    clock.pump(List.of(ofMillis(200), ofMillis(400)));
    assertThat(seen).containsExactly(1);

    slow.callback("late");
    clock.advance(ofMillis(200));
    assertThat(seen).containsExactly(1, 3); // the runs due at 0.4 and 0.6 were missed
  }

  @Test
  void withCountDeferredOnAZeroIntervalWaitsAndStillCountsOne() {
    Deferred<String> slow = new Deferred<>();
    List<Integer> seen = new ArrayList<>();
    LoopingCall[] loop = new LoopingCall[1];
    loop[0] = LoopingCall.withCountDeferred(clock, count -> {
      seen.add(count);
      if (seen.size() == 5) {
        loop[0].stop();
      }
      return seen.size() == 2 ? slow : Deferred.succeed("quick");
    });
    loop[0].start(ZERO, false);

    clock.advance(ZERO);
    assertThat(seen).containsExactly(1, 1);
    clock.advance(ofSeconds(2));
    assertThat(seen).containsExactly(1, 1);

    slow.callback("done");
    clock.advance(ZERO);
    assertThat(seen).containsExactly(1, 1, 1, 1, 1);
    assertThat(loop[0].running()).isFalse();
  }

  @Test
  void anExceptionFromTheWorkStopsTheLoopAndFailsItsDeferred() {
    IllegalStateException boom = new IllegalStateException("boom");
    LoopingCall loop = LoopingCall.of(clock, l -> {
      runs.add(clock.now().toMillis());
      if (runs.size() == 2) {
        throw boom;
      }
    });
    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();

    clock.pump(List.of(ofSeconds(1), ofSeconds(1)));

    assertThat(runs).containsExactly(0L, 1000L);
    assertThat(stopped.exceptionNow()).isSameAs(boom);
    assertThat(loop.running()).isFalse();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void aFailureOnTheFirstRunFailsTheDeferredBeforeStartReturns() {
    LoopingCall loop = LoopingCall.of(clock, l -> {
      throw new java.io.IOException("disk gone");
    });

    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();

    assertThat(stopped.exceptionNow()).isInstanceOf(java.io.IOException.class).hasMessage("disk gone");
    assertThat(loop.running()).isFalse();
  }

  @Test
  void aFailureAfterStopStillFailsTheDeferred() {
    LoopingCall loop = LoopingCall.of(clock, l -> {
      l.stop();
      throw new IllegalStateException("after stop");
    });

    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();

    assertThat(stopped.exceptionNow()).hasMessage("after stop");
  }

  @Test
  void aFailedDeferredFromTheWorkStopsTheLoopAndFailsItsDeferred() {
    LoopingCall loop = LoopingCall.ofDeferred(clock, l -> Tasks.deferLater(clock, ofMillis(300), () -> {
      throw new IllegalArgumentException("bad reply");
    }));
    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();

    clock.advance(ofMillis(300));

    assertThat(stopped.exceptionNow()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad reply");
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void workThatReturnsNullInsteadOfADeferredFailsTheLoop() {
    LoopingCall loop = LoopingCall.ofDeferred(clock, l -> null);

    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();

    assertThat(stopped.exceptionNow()).isInstanceOf(NullPointerException.class);
    assertThat(loop.running()).isFalse();
  }

  @Test
  void aStoppedLoopCanBeStartedAgainWithANewInterval() {
    LoopingCall loop = recording();
    assertThat(loop.interval()).isEmpty();
    CompletableFuture<LoopingCall> first = loop.start(ofSeconds(1), true).toCompletableFuture();
    clock.advance(ofSeconds(1));
    loop.stop();
    assertThat(first).isCompletedWithValue(loop);

    CompletableFuture<LoopingCall> second = loop.start(ofSeconds(3), false).toCompletableFuture();
    clock.pump(List.of(ofSeconds(3), ofSeconds(3)));

    assertThat(runs).containsExactly(0L, 1000L, 4000L, 7000L);
    assertThat(loop.interval()).contains(ofSeconds(3));
    assertThat(loop.running()).isTrue();
    assertThat(second).isNotDone();
  }

  @Test
  void misuseFailsAtOnce() {
    LoopingCall loop = recording();

    assertThatThrownBy(() -> loop.start(ofMillis(-1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThat(loop.running()).isFalse();
    assertThatThrownBy(loop::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
    assertThatThrownBy(loop::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");

    loop.start(ofSeconds(1), false);
    assertThatThrownBy(() -> loop.start(ofSeconds(1), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
  }

  @Test
  void aLoopStillWaitingForItsLastRunCannotBeStartedAgain() {
    Deferred<String> slow = new Deferred<>();
    LoopingCall loop = LoopingCall.ofDeferred(clock, l -> slow);
    CompletableFuture<LoopingCall> stopped = loop.start(ofSeconds(1), true).toCompletableFuture();
    loop.stop();

    assertThatThrownBy(() -> loop.start(ofSeconds(1), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("still stopping");

    slow.callback("done");
    assertThat(stopped).isCompletedWithValue(loop);
    assertThat(loop.start(ofSeconds(1), false).called()).isFalse();
  }

  @Test
  void cancellingTheDeferredStopsTheLoop() {
    LoopingCall loop = recording();
    List<Throwable> failures = new ArrayList<>();
    Deferred<LoopingCall> deferred = loop.start(ofSeconds(1), true)
        .recover(failure -> {
          failures.add(failure.exception());
          return loop;
        });

    deferred.cancel();
    clock.advance(ofSeconds(5));

    assertThat(failures).singleElement().isInstanceOf(CancelledException.class);
    assertThat(runs).containsExactly(0L);
    assertThat(loop.running()).isFalse();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void cancellingTheDeferredCancelsTheRunInProgress() {
    Deferred<String> slow = new Deferred<>();
    LoopingCall loop = LoopingCall.ofDeferred(clock, l -> slow);
    List<Throwable> failures = new ArrayList<>();
    Deferred<LoopingCall> deferred = loop.start(ofSeconds(1), true)
        .recover(failure -> {
          failures.add(failure.exception());
          return loop;
        });

    deferred.cancel();

    assertThat(failures).singleElement().isInstanceOf(CancelledException.class);
    assertThat(slow.called()).as("the pending work was cancelled").isTrue();
    assertThat(loop.running()).isFalse();
    assertThat(loop.start(ofSeconds(1), false).called()).isFalse();
  }

  @Property
  void withCountCountsEveryIntervalBoundaryOnceAndNeverZero(
      @ForAll @IntRange(min = 1, max = 1000) int intervalMillis,
      @ForAll boolean now,
      @ForAll @Size(max = 40) List<@IntRange(max = 3000) Integer> advancesMillis) {
    Clock time = new Clock();
    List<Integer> seen = new ArrayList<>();
    LoopingCall.withCount(time, seen::add).start(ofMillis(intervalMillis), now);

    long elapsed = 0;
    for (int advance : advancesMillis) {
      time.advance(ofMillis(advance));
      elapsed += advance;
    }

    long boundaries = elapsed / intervalMillis + (now ? 1 : 0);
    assertThat(seen).doesNotContain(0);
    assertThat(seen.stream().mapToLong(Integer::longValue).sum()).isEqualTo(boundaries);
  }
}
