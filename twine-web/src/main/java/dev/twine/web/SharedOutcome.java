package dev.twine.web;

import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One result that several callers may wait for, each with a Deferred of its own, so that no
 * caller's callbacks change what another one gets.
 */
final class SharedOutcome<T> {
  private @Nullable Outcome<T> outcome;
  private List<Deferred<T>> waiters = new ArrayList<>(1);

  /** Returns a new Deferred that fires with the outcome, now if it is known. */
  Deferred<T> next() {
    Deferred<T> waiter = new Deferred<>();
    Outcome<T> known = outcome;
    if (known == null) {
      waiters.add(waiter);
    } else {
      fire(waiter, known);
    }
    return waiter;
  }

  /** Sets the outcome and fires every Deferred given out so far, in order. */
  void complete(Outcome<T> result) {
    if (outcome != null) {
      throw new IllegalStateException("the outcome is already known: " + outcome);
    }
    outcome = result;
    List<Deferred<T>> waiting = waiters;
    waiters = List.of();
    for (Deferred<T> waiter : waiting) {
      fire(waiter, result);
    }
  }

  private static <T> void fire(Deferred<T> waiter, Outcome<T> result) {
    switch (result) {
      case Outcome.Success<T> success -> waiter.callback(success.value());
      case Outcome.Failed<T> failed -> waiter.errback(failed.failure());
    }
  }
}
