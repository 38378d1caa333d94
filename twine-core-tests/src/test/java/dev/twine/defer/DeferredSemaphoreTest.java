package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredSemaphoreTest {
  private static final int MANY = 100_000;

  @Test
  void upToTheLimitAcquireAtOnceAndTheNextWaits() {
    DeferredSemaphore semaphore = new DeferredSemaphore(13);
    int[] acquired = {0};
    for (int i = 1; i <= 13; i++) {
      semaphore.acquire().onSuccess(held -> acquired[0]++);
      assertThat(acquired[0]).isEqualTo(i);
      assertThat(semaphore.tokens()).isEqualTo(13 - i);
    }
    Deferred<DeferredSemaphore> waiting = semaphore.acquire();
    assertNoResult(waiting);
    assertThat(semaphore.waiting()).isEqualTo(1);

    semaphore.release();

    assertThat(successResultOf(waiting)).isSameAs(semaphore);
    assertThat(semaphore.tokens()).isZero();
    assertThat(semaphore.limit()).isEqualTo(13);
    for (int i = 1; i <= 13; i++) {
      semaphore.release();
    }
    assertThat(semaphore.tokens()).isEqualTo(13);
  }

  @Test
  void waitersGetTokensInTheOrderTheyAsked() {
    DeferredSemaphore semaphore = new DeferredSemaphore(2);
    semaphore.acquire();
    semaphore.acquire();
    List<String> order = new ArrayList<>();
    semaphore.acquire().onSuccess(held -> order.add("a"));
    semaphore.acquire().onSuccess(held -> order.add("b"));
    semaphore.acquire().onSuccess(held -> order.add("c"));

    semaphore.release();
    semaphore.release();
    assertThat(order).containsExactly("a", "b");
    semaphore.release();

    assertThat(order).containsExactly("a", "b", "c");
  }

  @Test
  void fewerThanOneTokenIsRejected() {
    assertThatThrownBy(() -> new DeferredSemaphore(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DeferredSemaphore needs at least 1 token: 0");
    assertThatThrownBy(() -> new DeferredSemaphore(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void releasingMoreThanWasAcquiredFails() {
    DeferredSemaphore semaphore = new DeferredSemaphore(2);
    semaphore.acquire();
    semaphore.release();

    assertThatThrownBy(semaphore::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("release() without a matching acquire(): all 2 tokens are free");
    assertThat(semaphore.tokens()).isEqualTo(2);
  }

  @Test
  void runHoldsATokenUntilTheWorksDeferredFires() {
    DeferredSemaphore semaphore = new DeferredSemaphore(13);
    Deferred<String> control = new Deferred<>();
    List<String> calls = new ArrayList<>();

    Deferred<String> result = semaphore.run(() -> {
      calls.add("work");
      return control;
    });
    assertThat(calls).containsExactly("work");
    assertNoResult(result);
    assertThat(semaphore.tokens()).isEqualTo(12);
    control.callback("done");

    assertThat(successResultOf(result)).isEqualTo("done");
    assertThat(semaphore.tokens()).isEqualTo(13);
  }

  @Test
  void runLetsAtMostLimitWorksRunAtOnce() {
    DeferredSemaphore semaphore = new DeferredSemaphore(3);
    List<Deferred<Void>> works = new ArrayList<>();
    int[] running = {0};
    int[] most = {0};
    List<Deferred<Void>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(semaphore.run(() -> {
        running[0]++;
        most[0] = Math.max(most[0], running[0]);
        Deferred<Void> work = new Deferred<>();
        works.add(work);
        return work.always(outcome -> running[0]--);
      }));
    }
    assertThat(works).hasSize(3);

    for (int i = 0; i < works.size(); i++) {
      works.get(i).callback(null);
    }

    assertThat(works).hasSize(10);
    assertThat(most[0]).isEqualTo(3);
    assertThat(results).allSatisfy(result -> assertThat(successResultOf(result)).isNull());
    assertThat(semaphore.tokens()).isEqualTo(3);
  }

  @Test
  void runReleasesTheTokenWhenTheWorkFails() {
    DeferredSemaphore semaphore = new DeferredSemaphore(1);

    Deferred<String> result = semaphore.run(() -> {
      throw new IllegalStateException("bang");
    });

    failureResultOf(result, IllegalStateException.class);
    assertThat(semaphore.tokens()).isEqualTo(1);
  }

  @Test
  void cancellingAWaitingAcquireTakesItOutOfTheLine() {
    DeferredSemaphore semaphore = new DeferredSemaphore(1);
    semaphore.acquire();
    Deferred<DeferredSemaphore> waiting = semaphore.acquire();

    waiting.cancel();

    failureResultOf(waiting, CancelledException.class);
    assertThat(semaphore.waiting()).isZero();
    semaphore.release();
    assertThat(semaphore.tokens()).isEqualTo(1);
  }

  @Test
  void cancellingAnAcquireThatFiredDoesNothing() {
    DeferredSemaphore semaphore = new DeferredSemaphore(1);
    Deferred<DeferredSemaphore> acquired = semaphore.acquire();

    acquired.cancel();

    assertThat(successResultOf(acquired)).isSameAs(semaphore);
    assertThat(semaphore.tokens()).isZero();
  }

  @Test
  void aWaiterCancelledAfterTheReleaseChoseItDoesNotTakeTheToken() {
    DeferredSemaphore semaphore = new DeferredSemaphore(1);
    semaphore.acquire();
    Deferred<DeferredSemaphore> first = semaphore.acquire();
    Deferred<DeferredSemaphore> second = semaphore.acquire();
    first.onSuccess(held -> {
      held.release(); // chooses second, which fires once this step is done
      second.cancel();
    });

    semaphore.release();

    failureResultOf(second, CancelledException.class);
    assertThat(semaphore.tokens()).isEqualTo(1);
  }

  @Test
  void aLongLineOfWaitersThatEachReleaseDoesNotOverflowTheStack() {
    DeferredSemaphore semaphore = new DeferredSemaphore(2);
    semaphore.acquire();
    semaphore.acquire();
    int[] served = {0};
    for (int i = 0; i < MANY; i++) {
      semaphore.acquire().onSuccess(held -> {
        served[0]++;
        held.release();
      });
    }

    semaphore.release();
    semaphore.release();

    assertThat(served[0]).isEqualTo(MANY);
    assertThat(semaphore.tokens()).isEqualTo(2);
  }

  @Test
  void aLongLineOfRunsDoesNotOverflowTheStack() {
    DeferredSemaphore semaphore = new DeferredSemaphore(1);
    semaphore.acquire();
    List<Deferred<Integer>> results = new ArrayList<>(MANY);
    for (int i = 0; i < MANY; i++) {
      int value = i;
      results.add(semaphore.run(() -> Deferred.succeed(value)));
    }

    semaphore.release();

    assertThat(successResultOf(results.get(MANY - 1))).isEqualTo(MANY - 1);
    assertThat(semaphore.tokens()).isEqualTo(1);
  }
}
