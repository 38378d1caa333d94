package dev.twine.internet;

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
import org.junit.jupiter.api.Test;

class TasksTest {
  private final Clock clock = new Clock();
  private final List<String> calls = new ArrayList<>();

  @Test
  void deferLaterCallsTheWorkAfterTheDelayAndFiresWithItsValue() {
    CompletableFuture<String> result = Tasks.deferLater(clock, ofSeconds(3), () -> {
      calls.add("work@" + clock.seconds());
      return "late";
    }).toCompletableFuture();

    clock.advance(ofSeconds(2));
    assertThat(calls).isEmpty();
    assertThat(result).isNotDone();

    clock.advance(ofSeconds(1));
    assertThat(calls).containsExactly("work@3.0");
    assertThat(result).isCompletedWithValue("late");
  }

  @Test
  void deferLaterFailsWithTheWorksException() {
    CompletableFuture<String> result = Tasks.<String>deferLater(clock, ofSeconds(1), () -> {
      throw new java.io.IOException("no route");
    }).toCompletableFuture();

    clock.advance(ofSeconds(1));

    assertThat(result.exceptionNow()).isInstanceOf(java.io.IOException.class).hasMessage("no route");
  }

  @Test
  void cancellingBeforeTheDelayCancelsTheCallSoTheWorkNeverRuns() {
    List<Throwable> failures = new ArrayList<>();
    Deferred<String> result = Tasks.deferLater(clock, ofSeconds(1), () -> {
      calls.add("work");
      return "never";
    });
    result.recover(failure -> {
      failures.add(failure.exception());
      return "recovered";
    });

    result.cancel();
    clock.advance(ofSeconds(2));

    assertThat(failures).singleElement().isInstanceOf(CancelledException.class);
    assertThat(calls).isEmpty();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void cancellingAfterItFiredChangesNothing() {
    Deferred<String> result = Tasks.deferLater(clock, ofMillis(10), () -> "done");
    clock.advance(ofMillis(10));

    result.cancel();

    assertThat(result.toCompletableFuture()).isCompletedWithValue("done");
  }

  @Test
  void deferLaterWithoutWorkFiresWithNullAfterTheDelay() {
    CompletableFuture<Void> result = Tasks.deferLater(clock, ofSeconds(2)).toCompletableFuture();

    clock.advance(ofMillis(1999));
    assertThat(result).isNotDone();
    clock.advance(ofMillis(1));

    assertThat(result).isCompletedWithValue(null);
  }

  @Test
  void aNegativeDelayIsRejectedAtOnce() {
    assertThatThrownBy(() -> Tasks.deferLater(clock, ofMillis(-5), () -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThat(clock.pendingCalls()).isEmpty();
  }
}
