package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps on the failure path and on both paths: recover, transform, onFailure, always. */
class DeferredRecoverTest {
  private final List<String> events = new ArrayList<>();

  @Test
  void recoverTurnsAFailureBackIntoAValueForTheStepsAfterIt() {
    Deferred<String> deferred = new Deferred<>();
    deferred
        .recover(failure -> "recovered from " + failure.message())
        .map(v -> v + "!");

    deferred.errback(new IOException("disk"));

    assertThat(successResultOf(deferred)).isEqualTo("recovered from disk!");
  }

  @Test
  void recoverThatThrowsKeepsTheChainFailing() {
    Deferred<String> deferred = Deferred.fail(new IOException("first"));

    deferred.recover(failure -> {
      throw new IllegalStateException("second");
    });

    assertThat(failureResultOf(deferred, IllegalStateException.class).message()).isEqualTo("second");
  }

  @Test
  void recoverByTypeHandlesThatTypeAndItsSubtypesWithTheTypedException() {
    FileNotFoundException missing = new FileNotFoundException("missing");
    Deferred<String> deferred = Deferred.fail(missing);
    List<IOException> seen = new ArrayList<>();

    deferred.recover(IOException.class, e -> {
      seen.add(e);
      return "fallback";
    });

    assertThat(seen).containsExactly(missing);
    assertThat(successResultOf(deferred)).isEqualTo("fallback");
  }

  @Test
  void recoverByTypeLetsOtherFailuresPassUnchanged() {
    IllegalStateException other = new IllegalStateException("other");
    Deferred<String> deferred = Deferred.fail(other);

    deferred.recover(IOException.class, e -> {
      events.add("wrong recover ran");
      return "fallback";
    });

    assertThat(events).isEmpty();
    assertThat(failureResultOf(deferred, IllegalStateException.class).exception()).isSameAs(other);
  }

  @Test
  void recoverWithTrapHandlesTheTrappedTypes() {
    Deferred<String> deferred = Deferred.fail(new FileNotFoundException("gone"));

    deferred.recover(failure -> {
      Class<? extends Throwable> trapped = failure.trap(IllegalStateException.class, IOException.class);
      return "trapped " + trapped.getSimpleName();
    });

    assertThat(successResultOf(deferred)).isEqualTo("trapped IOException");
  }

  @Test
  void recoverWithTrapPassesOtherFailuresOnWithTheSameException() {
    IOException io = new IOException("not trapped");
    Deferred<String> deferred = Deferred.fail(io);

    deferred
        .recover(failure -> {
          failure.trap(IllegalStateException.class);
          return "wrong";
        })
        .onFailure(failure -> events.add("still failing with " + failure.message()));

    assertThat(events).containsExactly("still failing with not trapped");
    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(io);
  }

  @Test
  void recoverWithWaitsForTheDeferredItReturns() {
    Deferred<String> deferred = Deferred.fail(new IOException("down"));
    Deferred<String> retry = new Deferred<>();

    deferred.recoverWith(failure -> retry).map(v -> v + " on retry");

    assertNoResult(deferred);
    retry.callback("ok");
    assertThat(successResultOf(deferred)).isEqualTo("ok on retry");
  }

  @Test
  void recoverWithByTypeOnlyHandlesThatType() {
    Deferred<String> matching = Deferred.fail(new FileNotFoundException("x"));
    Deferred<String> other = Deferred.fail(new IllegalStateException("y"));

    matching.recoverWith(IOException.class, e -> Deferred.succeed("retried " + e.getMessage()));
    other.recoverWith(IOException.class, e -> Deferred.succeed("wrong"));

    assertThat(successResultOf(matching)).isEqualTo("retried x");
    assertThat(failureResultOf(other, IllegalStateException.class).message()).isEqualTo("y");
  }

  @Test
  void recoverWithCanFailAgainThroughTheReturnedDeferred() {
    Deferred<String> deferred = Deferred.fail(new IOException("first"));

    deferred.recoverWith(failure -> Deferred.fail(new IllegalStateException("retry failed")));

    assertThat(failureResultOf(deferred, IllegalStateException.class).message()).isEqualTo("retry failed");
  }

  @Test
  void transformRunsOnBothPaths() {
    Deferred<String> value = Deferred.succeed("abc");
    Deferred<String> failure = Deferred.fail(new IOException("bad"));

    Deferred<Integer> fromValue = value.transform(DeferredRecoverTest::lengthOrMinusOne);
    Deferred<Integer> fromFailure = failure.transform(DeferredRecoverTest::lengthOrMinusOne);

    assertThat(successResultOf(fromValue)).isEqualTo(3);
    assertThat(successResultOf(fromFailure)).isEqualTo(-1);
  }

  @Test
  void transformThatThrowsFails() {
    Deferred<String> deferred = Deferred.succeed("x");

    deferred.transform(outcome -> {
      throw new IOException("transform failed");
    });

    assertThat(failureResultOf(deferred, IOException.class).message()).isEqualTo("transform failed");
  }

  @Test
  void transformWithWaitsForTheDeferredItReturnsOnBothPaths() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> deferred = Deferred.fail(new IOException("bad"));

    deferred.transformWith(outcome -> outcome.succeeded() ? Deferred.succeed("no") : inner);

    assertNoResult(deferred);
    inner.callback("from inner");
    assertThat(successResultOf(deferred)).isEqualTo("from inner");
  }

  /**
   * Twisted's {@code addCallbacks(f, g)}: {@code g} does not see a failure that {@code f} raises;
   * the next step does.
   */
  @Test
  void transformWithASwitchIsAddCallbacksTheFailureBranchDoesNotSeeTheSuccessBranchFailure() {
    Deferred<String> deferred = new Deferred<>();
    deferred
        .transform(outcome -> switch (outcome) {
          case Outcome.Success<String> success -> {
            events.add("success branch " + success.value());
            throw new IllegalStateException("raised by the success branch");
          }
          case Outcome.Failed<String> failed -> {
            events.add("failure branch");
            yield "recovered";
          }
        })
        .onFailure(failure -> events.add("next step saw " + failure.message()));

    deferred.callback("v");

    assertThat(events).containsExactly("success branch v", "next step saw raised by the success branch");
    assertThat(failureResultOf(deferred, IllegalStateException.class)).isNotNull();
  }

  @Test
  void onSuccessSeesTheValueAndPassesItOn() {
    Deferred<String> deferred = Deferred.succeed("v");

    deferred.onSuccess(v -> events.add("saw " + v)).map(v -> v + v);

    assertThat(events).containsExactly("saw v");
    assertThat(successResultOf(deferred)).isEqualTo("vv");
  }

  @Test
  void onFailureSeesTheFailureAndLeavesItFailing() {
    IOException io = new IOException("x");
    Deferred<String> deferred = Deferred.fail(io);

    deferred.onFailure(failure -> events.add("logged " + failure.type().getSimpleName()));

    assertThat(events).containsExactly("logged IOException");
    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(io);
  }

  @Test
  void onFailureThatThrowsReplacesTheFailure() {
    Deferred<String> deferred = Deferred.fail(new IOException("x"));

    deferred.onFailure(failure -> {
      throw new IllegalStateException("replaced");
    });

    assertThat(failureResultOf(deferred, IllegalStateException.class).message()).isEqualTo("replaced");
  }

  @Test
  void alwaysRunsOnBothPathsAndPassesTheOutcomeOn() {
    IOException io = new IOException("x");
    Deferred<String> value = Deferred.succeed("v");
    Deferred<String> failure = Deferred.fail(io);

    value.always(outcome -> events.add("value " + outcome.succeeded()));
    failure.always(outcome -> events.add("failure " + outcome.succeeded()));

    assertThat(events).containsExactly("value true", "failure false");
    assertThat(successResultOf(value)).isEqualTo("v");
    assertThat(failureResultOf(failure, IOException.class).exception()).isSameAs(io);
  }

  @Test
  void alwaysThatThrowsFailsEvenAValue() {
    Deferred<String> deferred = Deferred.succeed("v");

    deferred.always(outcome -> {
      throw new IOException("cleanup failed");
    });

    assertThat(failureResultOf(deferred, IOException.class).message()).isEqualTo("cleanup failed");
  }

  @Test
  void aRecoveredChainGoesBackToTheSuccessSteps() {
    Deferred<Integer> deferred = new Deferred<>();
    deferred
        .map(v -> 10 / v)
        .onSuccess(v -> events.add("not reached"))
        .recover(ArithmeticException.class, e -> -1)
        .onSuccess(v -> events.add("after recovery " + v))
        .map(v -> v * 2);

    deferred.callback(0);

    assertThat(events).containsExactly("after recovery -1");
    assertThat(successResultOf(deferred)).isEqualTo(-2);
  }

  private static int lengthOrMinusOne(Outcome<String> outcome) {
    return switch (outcome) {
      case Outcome.Success<String> success -> success.value().length();
      case Outcome.Failed<String> failed -> -1;
    };
  }
}
