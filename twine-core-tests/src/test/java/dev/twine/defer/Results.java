package dev.twine.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Reads the result of a Deferred in a test, as Twisted's {@code successResultOf},
 * {@code failureResultOf} and {@code assertNoResult} do.
 */
final class Results {
  private Results() {}

  /**
   * Returns the outcome of {@code deferred} and ends its chain there (it goes on with
   * {@code null}, and a failure counts as handled); fails the test if it has no result yet.
   */
  static <T> Outcome<T> outcomeOf(Deferred<T> deferred) {
    Object[] box = {null};
    deferred.transform(outcome -> {
      box[0] = outcome;
      return null;
    });
    if (box[0] == null) {
      fail("expected a result, but it has none: " + deferred);
    }
    @SuppressWarnings("unchecked")
    Outcome<T> outcome = (Outcome<T>) box[0];
    return outcome;
  }

  /** Returns the value of {@code deferred}, failing the test if it has none or failed. */
  static <T> T successResultOf(Deferred<T> deferred) {
    return switch (outcomeOf(deferred)) {
      case Outcome.Success<T> success -> success.value();
      case Outcome.Failed<T> failed ->
          throw new AssertionError("expected a value, but it failed: " + failed.failure(),
              failed.failure().exception());
    };
  }

  /** Returns the failure of {@code deferred}, failing the test unless it failed with a {@code type}. */
  static Failure failureResultOf(Deferred<?> deferred, Class<? extends Throwable> type) {
    Outcome<?> outcome = outcomeOf(deferred);
    if (!(outcome instanceof Outcome.Failed<?> failed)) {
      throw new AssertionError("expected a failure, but it succeeded: " + outcome);
    }
    assertThat(failed.failure().exception()).isInstanceOf(type);
    return failed.failure();
  }

  /** Fails the test if {@code deferred} has a result; leaves its chain unchanged. */
  static void assertNoResult(Deferred<?> deferred) {
    boolean[] seen = {false};
    deferred.always(outcome -> seen[0] = true);
    assertThat(seen[0]).as("%s has a result", deferred).isFalse();
  }
}
