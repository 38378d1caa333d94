package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredLockTest {
  private static final int MANY = 100_000;

  private final DeferredLock lock = new DeferredLock();

  @Test
  void aFreeLockIsAcquiredAtOnce() {
    assertThat(lock.locked()).isFalse();

    Deferred<DeferredLock> acquired = lock.acquire();

    assertThat(successResultOf(acquired)).isSameAs(lock);
    assertThat(lock.locked()).isTrue();
  }

  @Test
  void aSecondAcquireWaitsForTheRelease() {
    lock.acquire();
    Deferred<DeferredLock> second = lock.acquire();
    assertNoResult(second);
    assertThat(lock.waiting()).isEqualTo(1);

    lock.release();

    assertThat(successResultOf(second)).isSameAs(lock);
    assertThat(lock.locked()).isTrue();
    assertThat(lock.waiting()).isZero();
    lock.release();
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void waitersGetTheLockInTheOrderTheyAsked() {
    List<String> order = new ArrayList<>();
    lock.acquire();
    lock.acquire().onSuccess(held -> order.add("a"));
    lock.acquire().onSuccess(held -> order.add("b"));
    lock.acquire().onSuccess(held -> order.add("c"));

    lock.release();
    assertThat(order).containsExactly("a");
    lock.release();
    lock.release();

    assertThat(order).containsExactly("a", "b", "c");
    assertThat(lock.locked()).isTrue();
  }

  @Test
  void releasingAnUnlockedLockFails() {
    assertThatThrownBy(lock::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("release() of a DeferredLock that is not locked");
  }

  @Test
  void runHoldsTheLockUntilTheWorksDeferredFires() {
    Deferred<String> control = new Deferred<>();
    Deferred<String> result = lock.run(() -> control);
    assertThat(lock.locked()).isTrue();
    List<String> next = new ArrayList<>();
    lock.acquire().onSuccess(held -> next.add("acquired"));

    control.callback("done");

    assertThat(successResultOf(result)).isEqualTo("done");
    assertThat(next).containsExactly("acquired");
    assertThat(lock.locked()).isTrue();
  }

  @Test
  void runWaitsForTheLockBeforeCallingTheWork() {
    lock.acquire();
    List<String> calls = new ArrayList<>();
    Deferred<String> result = lock.run(() -> {
      calls.add("work");
      return Deferred.succeed("done");
    });
    assertThat(calls).isEmpty();

    lock.release();

    assertThat(calls).containsExactly("work");
    assertThat(successResultOf(result)).isEqualTo("done");
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void runReleasesTheLockWhenTheWorkFails() {
    IOException error = new IOException("bang");

    Deferred<String> failed = lock.run(() -> Deferred.fail(error));
    assertThat(failureResultOf(failed, IOException.class).exception()).isSameAs(error);
    assertThat(lock.locked()).isFalse();

    Deferred<String> thrown = lock.run(() -> {
      throw error;
    });
    assertThat(failureResultOf(thrown, IOException.class).exception()).isSameAs(error);
    assertThat(lock.locked()).isFalse();

    Deferred<String> nothing = lock.run(() -> null);
    failureResultOf(nothing, NullPointerException.class);
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void cancellingAWaitingAcquireTakesItOutOfTheLine() {
    lock.acquire();
    Deferred<DeferredLock> waiting = lock.acquire();

    waiting.cancel();

    failureResultOf(waiting, CancelledException.class);
    assertThat(lock.waiting()).isZero();
    lock.release();
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void cancellingAnAcquireThatFiredDoesNothing() {
    Deferred<DeferredLock> acquired = lock.acquire();

    acquired.cancel();

    assertThat(successResultOf(acquired)).isSameAs(lock);
    assertThat(lock.locked()).isTrue();
  }

  @Test
  void cancellingAWaitingRunNeverCallsTheWork() {
    lock.acquire();
    List<String> calls = new ArrayList<>();
    Deferred<String> result = lock.run(() -> {
      calls.add("work");
      return Deferred.succeed("done");
    });

    result.cancel();
    lock.release();

    failureResultOf(result, CancelledException.class);
    assertThat(calls).isEmpty();
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void cancellingARunningRunCancelsTheWorkAndReleases() {
    Deferred<String> work = new Deferred<>();
    Deferred<String> result = lock.run(() -> work);

    result.cancel();

    failureResultOf(result, CancelledException.class);
    assertThat(work.called()).isTrue();
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void aWaiterCancelledAfterTheReleaseChoseItDoesNotTakeTheLock() {
    lock.acquire();
    Deferred<DeferredLock> first = lock.acquire();
    Deferred<DeferredLock> second = lock.acquire();
    Deferred<DeferredLock> third = lock.acquire();
    List<String> events = new ArrayList<>();
    first.onSuccess(held -> {
      events.add("first");
      held.release(); // chooses second, which fires once this step is done
      second.cancel();
    });
    third.onSuccess(held -> events.add("third"));

    lock.release();

    failureResultOf(second, CancelledException.class);
    assertThat(events).containsExactly("first", "third");
    assertThat(lock.locked()).isTrue();
    assertThat(lock.waiting()).isZero();
  }

  @Test
  void aLongLineOfWaitersThatEachReleaseDoesNotOverflowTheStack() {
    lock.acquire();
    int[] served = {0};
    for (int i = 0; i < MANY; i++) {
      lock.acquire().onSuccess(held -> {
        served[0]++;
        held.release();
      });
    }

    lock.release();

    assertThat(served[0]).isEqualTo(MANY);
    assertThat(lock.locked()).isFalse();
  }

  @Test
  void aLongLineOfRunsDoesNotOverflowTheStack() {
    lock.acquire();
    List<Deferred<Integer>> results = new ArrayList<>(MANY);
    for (int i = 0; i < MANY; i++) {
      int value = i;
      results.add(lock.run(() -> Deferred.succeed(value)));
    }

    lock.release();

    assertThat(successResultOf(results.get(MANY - 1))).isEqualTo(MANY - 1);
    assertThat(lock.locked()).isFalse();
  }
}
