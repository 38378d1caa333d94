package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the result a {@link Deferred} has now, without waiting (Twisted trial's
 * {@code successResultOf}, {@code failureResultOf} and {@code assertNoResult}).
 *
 * <p>Tests drive time and input by hand, so a Deferred either has its result already or does
 * not: these methods look, and fail with an {@link AssertionError} that names what they found.
 *
 * <pre>{@code
 * Deferred<String> reply = new Deferred<String>().addTimeout(Duration.ofSeconds(5), clock);
 * assertNoResult(reply);
 * clock.advance(Duration.ofSeconds(5));
 * failureResultOf(reply, TimedOutException.class);
 * }</pre>
 *
 * <p>A Deferred has a result when it has fired and its chain is neither paused nor waiting on
 * another Deferred. {@link #successResultOf} and {@link #failureResultOf} take that result, as
 * Twisted's do: the chain goes on with {@code null}, and a failure they take counts as handled.
 * When there is no result to take, each of the three leaves a step on the chain that passes the
 * result on unchanged once it comes.
 *
 * <p>Threading: call them on the thread that owns the Deferred.
 */
public final class DeferredAssertions {
  private DeferredAssertions() {}

  /**
   * Returns the value {@code deferred} succeeded with, and takes it off the chain, which goes on
   * with {@code null}.
   *
   * @throws AssertionError if it has no result yet, or failed (the message then holds the
   *     failure's traceback, and the failure counts as handled)
   */
  public static <T extends @Nullable Object> T successResultOf(Deferred<T> deferred) {
    String described = deferred.toString();
    Outcome<T> outcome = take(deferred);
    return switch (outcome) {
      case null -> throw new AssertionError(
          "Success result expected on " + described + ", found no result instead");
      case Outcome.Success<T> success -> success.value();
      case Outcome.Failed<T> failed -> throw new AssertionError(
          "Success result expected on " + described + ", found failure result instead:\n"
              + failed.failure().traceback());
    };
  }

  /**
   * Returns the failure {@code deferred} failed with, and takes it off the chain: it counts as
   * handled and the chain goes on with {@code null}. With no {@code expected} types, any failure
   * will do; otherwise its exception must be an instance of one of them.
   *
   * @throws AssertionError if it has no result yet, succeeded, or failed with an exception of
   *     none of the {@code expected} types (the message names them and holds the traceback); a
   *     result found is taken in every case
   */
  @SafeVarargs
  public static Failure failureResultOf(
      Deferred<?> deferred, Class<? extends Throwable>... expected) {
    StringJoiner expectedNames = new StringJoiner(" or ");
    for (Class<? extends Throwable> type : expected) {
      expectedNames.add(Objects.requireNonNull(type, "expected type").getName());
    }
    String described = deferred.toString();
    Outcome<?> outcome = take(deferred);
    return switch (outcome) {
      case null -> throw new AssertionError(
          "Failure result expected on " + described + ", found no result instead");
      case Outcome.Success<?> success -> throw new AssertionError(
          "Failure result expected on " + described + ", found success result ("
              + success.value() + ") instead");
      case Outcome.Failed<?> failed -> {
        Failure failure = failed.failure();
        boolean ofExpectedType = expected.length == 0;
        for (Class<? extends Throwable> type : expected) {
          ofExpectedType |= type.isInstance(failure.exception());
        }
        if (!ofExpectedType) {
          throw new AssertionError("Failure of type " + expectedNames + " expected on "
              + described + ", found " + failure.type().getName() + " instead:\n"
              + failure.traceback());
        }
        yield failure;
      }
    };
  }

  /**
   * Asserts that {@code deferred} has no result yet. It leaves the Deferred as it was: a result it
   * finds stays the chain's result, and a failure it finds stays unhandled.
   *
   * @throws AssertionError if it has a result, naming it (with the traceback of a failure)
   */
  public static void assertNoResult(Deferred<?> deferred) {
    String described = deferred.toString();
    Outcome<?> outcome = peek(deferred);
    switch (outcome) {
      case null -> { }
      case Outcome.Success<?> success -> throw new AssertionError(
          "No result expected on " + described + ", found success result (" + success.value()
              + ") instead");
      case Outcome.Failed<?> failed -> throw new AssertionError(
          "No result expected on " + described + ", found failure result instead:\n"
              + failed.failure().traceback());
    }
  }

  /** Returns the result {@code deferred} has now, or null, leaving it on the chain unchanged. */
  private static <T extends @Nullable Object> @Nullable Outcome<T> peek(Deferred<T> deferred) {
    List<Outcome<T>> seen = new ArrayList<>(1);
    deferred.always(seen::add);
    return seen.isEmpty() ? null : seen.get(0);
  }

  /** Returns the result {@code deferred} has now, or null; a result it finds is taken. */
  private static <T extends @Nullable Object> @Nullable Outcome<T> take(Deferred<T> deferred) {
    Outcome<T> outcome = peek(deferred);
    if (outcome != null) {
      deferred.<@Nullable Void>transform(taken -> null);
    }
    return outcome;
  }
}
