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

/** The basic chain: firing, order, result passing, steps that throw, firing twice, toString. */
class DeferredChainTest {
  private final List<String> events = new ArrayList<>();

  @Test
  void stepsRunInOrderAndEachReceivesThePreviousResult() {
    Deferred<String> deferred = new Deferred<>();
    Deferred<Integer> length = deferred
        .map(s -> {
          events.add("first " + s);
          return s + " world";
        })
        .map(s -> {
          events.add("second " + s);
          return s.length();
        });

    assertThat(events).isEmpty();
    deferred.callback("hello");

    assertThat(events).containsExactly("first hello", "second hello world");
    assertThat(successResultOf(length)).isEqualTo(11);
  }

  @Test
  void everyStepMethodReturnsTheSameDeferred() {
    Deferred<String> deferred = new Deferred<>();

    assertThat((Object) deferred.map(String::length)).isSameAs(deferred);
    assertThat((Object) deferred.onSuccess(v -> {})).isSameAs(deferred);
    assertThat((Object) deferred.recover(f -> "fallback")).isSameAs(deferred);
    assertThat((Object) deferred.always(o -> {})).isSameAs(deferred);
  }

  @Test
  void aStepAddedToAFiredDeferredRunsAtOnce() {
    Deferred<String> deferred = Deferred.succeed("now");

    deferred.onSuccess(v -> events.add("ran with " + v));

    assertThat(events).containsExactly("ran with now");
  }

  @Test
  void anErrbackAddedToAFailedDeferredRunsAtOnce() {
    Deferred<String> deferred = Deferred.fail(new IllegalStateException("fail"));

    deferred.onFailure(f -> events.add("saw " + f.message())).recover(f -> "handled");

    assertThat(events).containsExactly("saw fail");
    assertThat(successResultOf(deferred)).isEqualTo("handled");
  }

  @Test
  void aValueSkipsTheFailureSteps() {
    Deferred<String> deferred = new Deferred<>();
    deferred
        .recover(f -> "recovered")
        .onFailure(f -> events.add("onFailure"))
        .recover(IllegalStateException.class, e -> "typed")
        .onSuccess(v -> events.add("onSuccess " + v));

    deferred.callback("value");

    assertThat(events).containsExactly("onSuccess value");
    assertThat(successResultOf(deferred)).isEqualTo("value");
  }

  @Test
  void aFailureSkipsTheSuccessSteps() {
    Deferred<String> deferred = new Deferred<>();
    IllegalStateException boom = new IllegalStateException("boom");
    deferred
        .map(v -> {
          events.add("map");
          return v;
        })
        .flatMap(v -> {
          events.add("flatMap");
          return Deferred.succeed(v);
        })
        .onSuccess(v -> events.add("onSuccess"));

    deferred.errback(boom);

    assertThat(events).isEmpty();
    assertThat(failureResultOf(deferred, IllegalStateException.class).exception()).isSameAs(boom);
  }

  @Test
  void anUncheckedExceptionThrownByAStepTurnsTheChainToFailure() {
    Deferred<Integer> deferred = new Deferred<>();
    Deferred<Integer> quotient = deferred.map(v -> 1 / v);

    deferred.callback(0);

    assertThat(failureResultOf(quotient, ArithmeticException.class).message()).isEqualTo("/ by zero");
  }

  @Test
  void aCheckedExceptionThrownByAStepTurnsTheChainToFailure() {
    Deferred<String> deferred = new Deferred<>();
    IOException io = new IOException("disk");
    deferred.map(v -> {
      throw io;
    });

    deferred.callback("x");

    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(io);
  }

  @Test
  void anEffectThatThrowsReplacesTheResultWithItsFailure() {
    Deferred<String> deferred = Deferred.succeed("x");

    deferred.onSuccess(v -> {
      throw new IOException("effect");
    });

    assertThat(failureResultOf(deferred, IOException.class).message()).isEqualTo("effect");
  }

  @Test
  void aFailingDeferredDeliversTheExceptionItWasGiven() {
    Deferred<String> deferred = new Deferred<>();
    Failure failure = Failure.of(new IOException("given"));

    deferred.errback(failure);

    assertThat(failureResultOf(deferred, IOException.class)).isEqualTo(failure);
  }

  @Test
  void firingTwiceThrowsAlreadyCalled() {
    Deferred<String> calledThenCalled = new Deferred<>();
    calledThenCalled.callback("hello");
    assertThatThrownBy(() -> calledThenCalled.callback("twice"))
        .isInstanceOf(AlreadyCalledException.class);

    Deferred<String> calledThenFailed = new Deferred<>();
    calledThenFailed.callback("hello");
    assertThatThrownBy(() -> calledThenFailed.errback(new RuntimeException()))
        .isInstanceOf(AlreadyCalledException.class);

    Deferred<String> failedThenFailed = new Deferred<>();
    failedThenFailed.errback(new RuntimeException("first"));
    assertThatThrownBy(() -> failedThenFailed.errback(Failure.of(new RuntimeException())))
        .isInstanceOf(AlreadyCalledException.class);

    Deferred<String> failedThenCalled = new Deferred<>();
    failedThenCalled.errback(new RuntimeException("first"));
    assertThatThrownBy(() -> failedThenCalled.callback("twice"))
        .isInstanceOf(AlreadyCalledException.class);

    assertThat(successResultOf(calledThenCalled)).isEqualTo("hello");
    assertThat(successResultOf(calledThenFailed)).isEqualTo("hello");
    assertThat(failureResultOf(failedThenFailed, RuntimeException.class).message()).isEqualTo("first");
    assertThat(failureResultOf(failedThenCalled, RuntimeException.class).message()).isEqualTo("first");
  }

  @Test
  void calledReportsWhetherItFired() {
    Deferred<String> deferred = new Deferred<>();
    assertThat(deferred.called()).isFalse();

    deferred.callback("x");

    assertThat(deferred.called()).isTrue();
  }

  @Test
  void aStepAddedByARunningStepRunsAfterTheStepsAlreadyQueued() {
    Deferred<String> deferred = new Deferred<>();
    deferred
        .onSuccess(v -> {
          events.add("1");
          deferred.onSuccess(w -> events.add("3"));
          assertThat(events).containsExactly("1");
        })
        .onSuccess(v -> events.add("2"));

    deferred.callback("go");

    assertThat(events).containsExactly("1", "2", "3");
  }

  @Test
  void aStepAddedByARunningStepCanFail() {
    Deferred<String> deferred = new Deferred<>();
    deferred.onSuccess(v -> deferred.onSuccess(w -> {
      throw new IllegalStateException("added step raised");
    }));

    deferred.callback("go");

    assertThat(failureResultOf(deferred, IllegalStateException.class).message())
        .isEqualTo("added step raised");
  }

  @Test
  void nullStepsAndFailuresAreRejectedAtOnce() {
    Deferred<String> deferred = new Deferred<>();

    assertThatThrownBy(() -> deferred.map(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> deferred.recover(null, e -> "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> deferred.errback((Failure) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> deferred.errback((Throwable) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Deferred<String>(null)).isInstanceOf(NullPointerException.class);
    assertThat(deferred.called()).isFalse();
  }

  @Test
  void aNullValueIsAValue() {
    Deferred<String> deferred = new Deferred<>();
    deferred.map(v -> v == null ? "was null" : v);

    deferred.callback(null);

    assertThat(successResultOf(deferred)).isEqualTo("was null");
  }

  @Test
  void succeedAndFailReturnFiredDeferreds() {
    IOException io = new IOException("failed");

    assertThat(successResultOf(Deferred.succeed("ok"))).isEqualTo("ok");
    assertThat(failureResultOf(Deferred.fail(io), IOException.class).exception()).isSameAs(io);
    assertThat(failureResultOf(Deferred.fail(Failure.of(io)), IOException.class).exception()).isSameAs(io);
  }

  @Test
  void maybeDeferredTurnsAValueOrAnExceptionIntoAFiredDeferred() {
    IOException io = new IOException("sync failure");

    assertThat(successResultOf(Deferred.maybeDeferred(() -> 10 + 5))).isEqualTo(15);
    assertThat(failureResultOf(Deferred.maybeDeferred(() -> {
      throw io;
    }), IOException.class).exception()).isSameAs(io);
  }

  @Test
  void maybeDeferredWithPassesTheReturnedDeferredThrough() {
    Deferred<String> pending = new Deferred<>();

    Deferred<String> result = Deferred.maybeDeferredWith(() -> pending);

    assertThat(result).isSameAs(pending);
    pending.callback("Success");
    assertThat(successResultOf(result)).isEqualTo("Success");
  }

  @Test
  void maybeDeferredWithTurnsAnExceptionOrNullIntoAFailure() {
    Deferred<String> thrown = Deferred.maybeDeferredWith(() -> {
      throw new IOException("sync");
    });
    Deferred<String> nothing = Deferred.maybeDeferredWith(() -> null);

    assertThat(failureResultOf(thrown, IOException.class).message()).isEqualTo("sync");
    assertThat(failureResultOf(nothing, NullPointerException.class).message()).contains("null");
  }

  @Test
  void toStringDescribesTheState() {
    Deferred<String> pending = new Deferred<>();
    String pendingId = identity(pending);
    assertThat(pending).hasToString(pendingId + "[pending]");

    pending.pause();
    assertThat(pending).hasToString(pendingId + "[pending, paused]");

    pending.callback("orange");
    assertThat(pending).hasToString(pendingId + "[result: orange, paused]");

    pending.unpause();
    assertThat(pending).hasToString(pendingId + "[result: orange]");

    Deferred<String> failed = Deferred.fail(new IOException("no disk"));
    assertThat(failed).hasToString(identity(failed) + "[failed: Failure[java.io.IOException: no disk]]");
    failed.recover(f -> "handled");
  }

  @Test
  void toStringNamesTheDeferredItWaitsOn() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("x").flatMap(v -> inner);

    assertThat(outer).hasToString(identity(outer) + "[waiting on " + identity(inner) + "]");

    inner.callback("done");
    assertThat(outer).hasToString(identity(outer) + "[result: done]");
  }

  @Test
  void alreadyCalledNamesTheDeferred() {
    Deferred<String> deferred = Deferred.succeed("first");

    assertThatThrownBy(() -> deferred.callback("second"))
        .hasMessageContaining(identity(deferred))
        .hasMessageContaining("first");
  }

  @Test
  void assertNoResultSeesAPendingDeferred() {
    Deferred<String> deferred = new Deferred<>();

    assertNoResult(deferred);
    deferred.callback("later");

    assertThat(successResultOf(deferred)).isEqualTo("later");
  }

  private static String identity(Deferred<?> deferred) {
    return "Deferred@" + Integer.toHexString(System.identityHashCode(deferred));
  }
}
