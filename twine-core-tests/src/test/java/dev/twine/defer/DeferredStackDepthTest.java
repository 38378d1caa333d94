package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long chains of Deferreds do not grow the stack. The tests run with a 1 MiB thread stack, far
 * less than 100,000 nested calls would need.
 */
class DeferredStackDepthTest {
  private static final int COUNT = 100_000;

  /** Deferred {@code i} has a step that returns Deferred {@code i + 1}. */
  private static List<Deferred<Integer>> flatMapChain() {
    List<Deferred<Integer>> deferreds = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      deferreds.add(new Deferred<>());
    }
    for (int i = 0; i < COUNT - 1; i++) {
      Deferred<Integer> next = deferreds.get(i + 1);
      deferreds.get(i).flatMap(ignored -> next);
    }
    return deferreds;
  }

  @Test
  void flatMapChainFiredOutermostFirst() {
    List<Deferred<Integer>> deferreds = flatMapChain();

    for (int i = 0; i < COUNT - 1; i++) {
      deferreds.get(i).callback(i);
    }
    assertThat(deferreds.get(0).called()).isTrue();
    deferreds.get(COUNT - 1).callback(42);

    assertThat(successResultOf(deferreds.get(0))).isEqualTo(42);
    assertThat(successResultOf(deferreds.get(COUNT / 2))).isNull();
  }

  @Test
  void flatMapChainFiredInnermostFirst() {
    List<Deferred<Integer>> deferreds = flatMapChain();

    deferreds.get(COUNT - 1).callback(42);
    for (int i = COUNT - 2; i >= 0; i--) {
      deferreds.get(i).callback(i);
    }

    assertThat(successResultOf(deferreds.get(0))).isEqualTo(42);
  }

  @Test
  void aFailureTravelsBackThroughTheWholeFlatMapChain() {
    List<Deferred<Integer>> deferreds = flatMapChain();
    for (int i = 0; i < COUNT - 1; i++) {
      deferreds.get(i).callback(i);
    }

    deferreds.get(COUNT - 1).errback(new IllegalStateException("deep"));

    assertThat(failureResultOf(deferreds.get(0), IllegalStateException.class).message()).isEqualTo("deep");
  }

  /**
   * Twisted's bounded-stack-depth case: the top fires first and waits, then every inner Deferred
   * fires in turn and waits on the next, and the last one releases them all.
   */
  @Test
  void everyDeferredWaitingOnTheNextIsReleasedByTheLast() {
    Deferred<String> top = new Deferred<>();
    List<Deferred<String>> inners = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      inners.add(new Deferred<>());
    }
    Deferred<String> last = new Deferred<>();
    top.flatMap(ignored -> inners.get(COUNT - 1));
    for (int i = COUNT - 1; i > 0; i--) {
      Deferred<String> next = inners.get(i - 1);
      inners.get(i).flatMap(ignored -> next);
    }
    inners.get(0).flatMap(ignored -> last);
    List<String> results = new ArrayList<>();
    top.onSuccess(results::add);

    top.callback("top");
    for (Deferred<String> inner : inners) {
      inner.callback("inner");
    }
    assertThat(results).isEmpty();

    last.callback("last");
    assertThat(results).containsExactly("last");
  }

  @Test
  void chainDeferredThroughAHundredThousand() {
    List<Deferred<Integer>> deferreds = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      deferreds.add(new Deferred<>());
    }
    for (int i = 0; i < COUNT - 1; i++) {
      deferreds.get(i).chainDeferred(deferreds.get(i + 1));
    }

    deferreds.get(0).callback(7);

    assertThat(successResultOf(deferreds.get(COUNT - 1))).isEqualTo(7);
    assertThat(successResultOf(deferreds.get(0))).isNull();
  }

  @Test
  void chainDeferredBuiltFromTheEndThroughAHundredThousand() {
    List<Deferred<Integer>> deferreds = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      deferreds.add(new Deferred<>());
    }
    for (int i = COUNT - 2; i >= 0; i--) {
      deferreds.get(i).chainDeferred(deferreds.get(i + 1));
    }

    deferreds.get(0).errback(new IllegalStateException("handed on"));

    assertThat(failureResultOf(deferreds.get(COUNT - 1), IllegalStateException.class).message())
        .isEqualTo("handed on");
  }

  @Test
  void cancellingTheOutermostOfAHundredThousandWaitingDeferreds() {
    List<Deferred<Integer>> deferreds = flatMapChain();
    for (int i = 0; i < COUNT - 1; i++) {
      deferreds.get(i).callback(i);
    }

    Deferred<Integer> innermost = deferreds.get(COUNT - 1);
    assertThat(innermost.called()).isFalse();

    deferreds.get(0).cancel();

    assertThat(innermost.called()).as("cancelled, the only way it could fire").isTrue();
    failureResultOf(deferreds.get(0), CancelledException.class);
  }

  @Test
  void describingTheOutermostOfAHundredThousandWaitingDeferreds() {
    List<Deferred<Integer>> deferreds = flatMapChain();
    for (int i = 0; i < COUNT - 1; i++) {
      deferreds.get(i).callback(i);
    }

    assertThat(deferreds.get(0).toString()).contains("waiting on");

    deferreds.get(COUNT - 1).callback(1);
    assertThat(successResultOf(deferreds.get(0))).isEqualTo(1);
  }

  /**
   * Each Deferred hands its result on with {@code chainDeferred}, and the receiver's first step
   * returns the sender, which still has steps of its own to run: the receiver waits for them.
   */
  @Test
  void deferredsReturnedWhileStillHandingOnTheirResult() {
    List<Deferred<Integer>> deferreds = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      deferreds.add(new Deferred<>());
    }
    for (int i = 0; i < COUNT; i++) {
      Deferred<Integer> deferred = deferreds.get(i);
      if (i > 0) {
        Deferred<Integer> sender = deferreds.get(i - 1);
        deferred.flatMap(ignored -> sender);
      }
      if (i < COUNT - 1) {
        deferred.chainDeferred(deferreds.get(i + 1));
      }
      int index = i;
      deferred.map(ignored -> index);
    }

    deferreds.get(0).callback(-1);

    assertThat(successResultOf(deferreds.get(COUNT - 1))).isEqualTo(COUNT - 1);
    assertThat(successResultOf(deferreds.get(1))).isNull();
  }

  @Test
  void aHundredThousandStepsOnOneDeferred() {
    Deferred<Integer> deferred = new Deferred<>();
    for (int i = 0; i < COUNT; i++) {
      deferred.map(v -> v + 1);
    }

    deferred.callback(0);

    assertThat(successResultOf(deferred)).isEqualTo(COUNT);
  }
}
