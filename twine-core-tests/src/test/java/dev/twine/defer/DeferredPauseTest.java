package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pause} and {@code unpause}, alone and with Deferreds that wait on others. */
class DeferredPauseTest {
  private final List<String> events = new ArrayList<>();

  @Test
  void aPausedDeferredHoldsItsResultUntilUnpaused() {
    Deferred<String> deferred = new Deferred<>();
    deferred.onSuccess(v -> events.add("ran " + v));
    deferred.pause();

    deferred.callback("x");
    assertThat(events).isEmpty();
    assertThat(deferred.called()).isTrue();

    deferred.unpause();
    assertThat(events).containsExactly("ran x");
  }

  @Test
  void stepsAddedWhilePausedWait() {
    Deferred<String> deferred = Deferred.succeed("x");
    deferred.pause();

    deferred.onSuccess(v -> events.add("first")).onSuccess(v -> events.add("second"));
    assertThat(events).isEmpty();

    deferred.unpause();
    assertThat(events).containsExactly("first", "second");
  }

  @Test
  void aPausedFailureWaitsToo() {
    Deferred<String> deferred = Deferred.fail(new IllegalStateException("fail"));
    deferred.pause();
    List<Failure> failures = new ArrayList<>();

    deferred.onFailure(failures::add);
    assertThat(failures).isEmpty();

    deferred.unpause();
    assertThat(failures).singleElement().extracting(Failure::message).isEqualTo("fail");
    failureResultOf(deferred, IllegalStateException.class);
  }

  @Test
  void pausesNestAndEachNeedsItsUnpause() {
    Deferred<String> deferred = Deferred.succeed("x");
    deferred.pause();
    deferred.pause();
    deferred.onSuccess(v -> events.add("ran"));

    deferred.unpause();
    assertThat(events).isEmpty();
    assertThat(deferred.paused()).isTrue();

    deferred.unpause();
    assertThat(events).containsExactly("ran");
    assertThat(deferred.paused()).isFalse();
  }

  @Test
  void unpauseWithoutPauseIsRejected() {
    Deferred<String> deferred = new Deferred<>();

    assertThatThrownBy(deferred::unpause)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not paused");

    deferred.pause();
    deferred.unpause();
    assertThatThrownBy(deferred::unpause).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unpauseBeforeFiringRunsNothing() {
    Deferred<String> deferred = new Deferred<>();
    deferred.pause();
    deferred.onSuccess(v -> events.add("ran"));

    deferred.unpause();
    assertThat(events).isEmpty();

    deferred.callback("x");
    assertThat(events).containsExactly("ran");
  }

  @Test
  void aStepThatPausesItsDeferredStopsTheChainThere() {
    Deferred<String> deferred = new Deferred<>();
    deferred
        .onSuccess(v -> {
          events.add("first");
          deferred.pause();
        })
        .onSuccess(v -> events.add("second"));

    deferred.callback("x");
    assertThat(events).containsExactly("first");

    deferred.unpause();
    assertThat(events).containsExactly("first", "second");
  }

  @Test
  void pausedReportsOnlyUserPausesNotWaitingOnAnotherDeferred() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("x").flatMap(v -> inner);

    assertThat(outer.paused()).isFalse();
    assertThatThrownBy(outer::unpause).isInstanceOf(IllegalStateException.class);

    outer.pause();
    assertThat(outer.paused()).isTrue();
    outer.unpause();
    assertThat(outer.paused()).isFalse();

    inner.callback("done");
    assertThat(successResultOf(outer)).isEqualTo("done");
  }

  @Test
  void aDeferredPausedWhileWaitingStaysPausedWhenTheInnerFires() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("x");
    outer.flatMap(v -> inner).onSuccess(v -> events.add("outer went on with " + v));
    outer.pause();

    inner.callback("inner result");

    assertThat(events).isEmpty();
    assertThat(outer.paused()).isTrue();
    assertThat(successResultOf(inner)).isNull();

    outer.unpause();
    assertThat(events).containsExactly("outer went on with inner result");
    assertThat(outer.paused()).isFalse();
  }

  @Test
  void aPausedInnerDeferredWithAResultMakesTheOuterWaitForItsUnpause() {
    Object expected = new Object();
    Deferred<Object> paused = Deferred.succeed(expected);
    paused.pause();
    Deferred<Object> chained = new Deferred<>();
    chained.flatMap(ignored -> paused);
    chained.callback("go");

    List<Object> results = new ArrayList<>();
    chained.onSuccess(results::add);
    assertThat(results).isEmpty();

    paused.unpause();
    assertThat(results).containsExactly(expected);
  }

  @Test
  void aPausedInnerDeferredFiredLaterMakesTheOuterWaitForItsUnpause() {
    Deferred<Integer> outer = new Deferred<>();
    Deferred<Integer> inner = new Deferred<>();
    inner.pause();
    List<Integer> results = new ArrayList<>();
    outer.flatMap(v -> inner).onSuccess(results::add);

    outer.callback(1);
    assertThat(results).isEmpty();
    inner.callback(2);
    assertThat(results).isEmpty();

    inner.unpause();
    assertThat(results).containsExactly(2);
  }

  @Test
  void aPausedOuterDoesNotStopTheInnerChainGoingOn() {
    Deferred<String> first = new Deferred<>();
    Deferred<String> second = new Deferred<>();
    first.flatMap(ignored -> second);
    first.callback("go");
    first.pause();

    second.callback("second result");

    List<String> results = new ArrayList<>();
    second.onSuccess(results::add);
    assertThat(results).containsExactly((String) null);
    assertNoResult(first);
    first.unpause();
    assertThat(successResultOf(first)).isEqualTo("second result");
  }
}
