package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredQueueTest {
  private static final int MANY = 100_000;

  @Test
  void waitingGettersReceiveItemsInTheOrderTheyAsked() {
    DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
    List<Integer> gotten = new ArrayList<>();
    queue.get().onSuccess(gotten::add);
    queue.get().onSuccess(gotten::add);
    assertThat(queue.waiting()).isEqualTo(2);

    queue.put(0);
    assertThat(gotten).containsExactly(0);
    queue.put(1);

    assertThat(gotten).containsExactly(0, 1);
    assertThat(queue.waiting()).isZero();
    assertThat(queue.size()).isZero();
  }

  @Test
  void itemsPutWithoutGettersWaitInOrder() {
    DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
    queue.put(2);
    queue.put(3);
    assertThat(queue.size()).isEqualTo(2);

    assertThat(successResultOf(queue.get())).isEqualTo(2);
    assertThat(successResultOf(queue.get())).isEqualTo(3);
    assertThat(queue.size()).isZero();
  }

  @Test
  void aFullQueueOverflows() {
    DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
    queue.put(0);
    queue.put(1);

    assertThatThrownBy(() -> queue.put(2))
        .isInstanceOf(QueueOverflow.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DeferredQueue is full: it holds 2 items, its capacity is 2");
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void tooManyWaitingGettersUnderflow() {
    DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
    queue.get();
    queue.get();

    assertThatThrownBy(queue::get)
        .isInstanceOf(QueueUnderflow.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DeferredQueue is empty and 2 getters wait already, its backlog is 2");
    assertThat(queue.waiting()).isEqualTo(2);
  }

  @Test
  void aQueueOfCapacityZeroOnlyPassesItemsToWaitingGetters() {
    DeferredQueue<String> queue = new DeferredQueue<>(0, 1);
    assertThatThrownBy(() -> queue.put("lost")).isInstanceOf(QueueOverflow.class);

    Deferred<String> got = queue.get();
    queue.put("passed");

    assertThat(successResultOf(got)).isEqualTo("passed");
  }

  @Test
  void aQueueWithABacklogOfZeroLetsNoGetterWait() {
    DeferredQueue<String> queue = new DeferredQueue<>(1, 0);
    assertThatThrownBy(queue::get).isInstanceOf(QueueUnderflow.class);

    queue.put("item");

    assertThat(successResultOf(queue.get())).isEqualTo("item");
  }

  @Test
  void anUnboundedQueueTakesManyItemsAndGetters() {
    DeferredQueue<Integer> queue = new DeferredQueue<>();
    List<Integer> gotten = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      queue.get().onSuccess(gotten::add);
    }
    for (int i = 0; i < 2000; i++) {
      queue.put(i);
    }

    assertThat(gotten).hasSize(1000).startsWith(0, 1, 2).endsWith(999);
    assertThat(queue.size()).isEqualTo(1000);
  }

  @Test
  void negativeBoundsAndNullItemsAreRejected() {
    assertThatThrownBy(() -> new DeferredQueue<String>(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity and backlog must not be negative: capacity=-1, backlog=0");
    assertThatThrownBy(() -> new DeferredQueue<String>(0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeferredQueue<String>().put(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("item");
  }

  @Test
  void cancellingAGetThatFiredDoesNothing() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    Deferred<String> got = queue.get();
    queue.put("item");

    got.cancel();

    assertThat(successResultOf(got)).isEqualTo("item");
  }

  @Test
  void cancellingAWaitingGetTakesItOutOfTheLine() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    Deferred<String> got = queue.get();

    got.cancel();

    failureResultOf(got, CancelledException.class);
    assertThat(queue.waiting()).isZero();
    queue.put("item");
    assertThat(queue.size()).isEqualTo(1);
    assertThat(successResultOf(queue.get())).isEqualTo("item");
  }

  @Test
  void aGetterCancelledAfterAPutChoseItPassesTheItemToTheNextGetter() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    Deferred<String> first = queue.get();
    Deferred<String> second = queue.get();
    Deferred<String> third = queue.get();
    first.onSuccess(item -> {
      queue.put("for second"); // chooses second, which fires once this step is done
      second.cancel();
    });

    queue.put("for first");

    failureResultOf(second, CancelledException.class);
    assertThat(successResultOf(third)).isEqualTo("for second");
  }

  @Test
  void anItemWhoseGetterWasCancelledAfterAPutChoseItGoesBackToTheHead() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    Deferred<String> first = queue.get();
    Deferred<String> second = queue.get();
    first.onSuccess(item -> {
      queue.put("for second");
      second.cancel();
    });

    queue.put("for first");
    queue.put("later");

    failureResultOf(second, CancelledException.class);
    assertThat(successResultOf(queue.get())).isEqualTo("for second");
    assertThat(successResultOf(queue.get())).isEqualTo("later");
    assertNoResult(queue.get());
  }

  @Test
  void gettersThatEachPutTheNextItemDoNotOverflowTheStack() {
    DeferredQueue<Integer> queue = new DeferredQueue<>();
    int[] last = {-1};
    for (int i = 0; i < MANY; i++) {
      queue.get().onSuccess(item -> {
        last[0] = item;
        if (item < MANY - 1) {
          queue.put(item + 1);
        }
      });
    }

    queue.put(0);

    assertThat(last[0]).isEqualTo(MANY - 1);
    assertThat(queue.waiting()).isZero();
  }
}
