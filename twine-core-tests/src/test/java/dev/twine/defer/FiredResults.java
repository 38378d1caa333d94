package dev.twine.defer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the result of a Deferred in a test, as Twisted's {@code successResultOf},
 * {@code failureResultOf} and {@code assertNoResult} do.
 */
final class FiredResults {

  private FiredResults() {}

  /** Returns the value {@code deferred} has succeeded with; its chain goes on unchanged. */
  static <T> T successOf(Deferred<T> deferred) {
    Outcome<T> outcome = outcomeOf(deferred);
    if (outcome instanceof Outcome.Failed<T> failed) {
      Failure failure = failed.failure();
      throw new AssertionError("expected a success, got " + failure, failure.exception());
    }
    return ((Outcome.Success<T>) outcome).value();
  }

  /**
   * Returns the failure {@code deferred} has failed with, which must be a {@code type}, and handles
   * it: the chain goes on with {@code null}.
   */
  static <T> Failure failureOf(
      Deferred<T> deferred, Class<? extends Throwable> type) {
    Outcome<T> outcome = outcomeOf(deferred);
    if (outcome instanceof Outcome.Success<T> success) {
      throw new AssertionError("expected a failure, got the value " + success.value());
    }
    Failure failure = ((Outcome.Failed<T>) outcome).failure();
    assertThat(failure.exception()).isInstanceOf(type);
    deferred.recover(handled -> null);
    return failure;
  }

  /** Asserts that {@code deferred} has no result yet. */
  static void assertNoResult(Deferred<?> deferred) {
    List<Object> seen = new ArrayList<>(1);
    deferred.always(seen::add);
    assertThat(seen).as("result of %s", deferred).isEmpty();
  }

  private static <T> Outcome<T> outcomeOf(Deferred<T> deferred) {
    List<Outcome<T>> seen = new ArrayList<>(1);
    deferred.always(seen::add);
    assertThat(seen).as("result of %s", deferred).hasSize(1);
    return seen.get(0);
  }
}
