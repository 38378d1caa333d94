package dev.twine.defer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Combines several Deferreds into one: all their outcomes ({@link #of}), all their values
 * ({@link #gatherResults}), or the first value ({@link #firstSuccess}, {@link #race}). These are
 * Twisted's {@code DeferredList}, {@code gatherResults} and {@code race}, with their semantics.
 *
 * <pre>{@code
 * Deferred<List<Page>> pages = DeferredList.gatherResults(List.of(fetch(a), fetch(b)));
 * Deferred<Indexed<Page>> fastest = DeferredList.race(List.of(fetch(mirror1), fetch(mirror2)));
 * }</pre>
 *
 * <h2>From Twisted</h2>
 *
 * <table>
 *   <caption>Twisted's combinators and their Twine equivalents</caption>
 *   <tr><th>Twisted</th><th>Twine</th></tr>
 *   <tr><td>{@code DeferredList(ds)}, fires with {@code [(success, result)]}</td>
 *       <td>{@link #of(List)}, fires with a list of {@link Outcome}</td></tr>
 *   <tr><td>{@code DeferredList(ds, fireOnOneErrback=True, consumeErrors=True)}</td>
 *       <td>{@code of(ds, Options.DEFAULT.withFireOnOneErrback(true).withConsumeErrors(true))}</td></tr>
 *   <tr><td>{@code DeferredList(ds, fireOnOneCallback=True)}, fires with {@code (result, index)}</td>
 *       <td>{@link #firstSuccess(List)}, fires with an {@link Indexed}</td></tr>
 *   <tr><td>{@code gatherResults(ds, consumeErrors)}</td><td>{@link #gatherResults(List, boolean)}</td></tr>
 *   <tr><td>{@code race(ds)}, fires with {@code (index, result)}</td><td>{@link #race}</td></tr>
 * </table>
 *
 * <h2>How the inputs are followed</h2>
 *
 * <p>Each combinator copies the list and adds one step to the end of each input's chain: steps
 * added to an input before see their results first; steps added after run after the combinator has
 * seen the result. Inputs that have already fired are seen at once, so the combined Deferred may
 * have fired when the factory returns. With {@link Options#consumeErrors}, an input's failure stops
 * there, handled, and the input goes on with {@code null}; without it, the failure goes on down
 * the input's chain and is still unhandled there unless a later step handles it.
 *
 * <p>Cancelling the combined Deferred before it fires cancels every input, as Twisted's
 * {@code DeferredList.cancel} does; the combined Deferred then fires from the inputs' outcomes
 * (a {@link CancelledException} of each, or whatever their cancellers fire them with). If that does
 * not fire it, because an input is paused, it fails with {@link CancelledException} and ignores the
 * inputs from then on. Cancelling it after it fired does nothing.
 *
 * <p>An empty list fires at once: {@link #of} and {@link #gatherResults} with an empty list;
 * {@link #firstSuccess} and {@link #race}, which have no Deferred to succeed, fail with an empty
 * {@link FailureGroup} (in Twisted they never fire).
 *
 * <p>Threading: as {@link Deferred}; the inputs and the result belong to one thread.
 */
public final class DeferredList {

  private DeferredList() {}

  /**
   * The flags of Twisted's {@code DeferredList}, other than {@code fireOnOneCallback}, which is
   * {@link #firstSuccess} since it changes the type of the result.
   *
   * @param fireOnOneErrback fail with a {@link FirstError} as soon as an input fails, instead of
   *     waiting for the others
   * @param consumeErrors handle the inputs' failures: each input that fails goes on with
   *     {@code null}, so its failure is not reported as unhandled
   */
  public record Options(boolean fireOnOneErrback, boolean consumeErrors) {
    /** Neither flag: wait for every input, and leave their failures on their chains. */
    public static final Options DEFAULT = new Options(false, false);

    /** Returns a copy with {@code fireOnOneErrback} set as given. */
    public Options withFireOnOneErrback(boolean fireOnOneErrback) {
      return new Options(fireOnOneErrback, consumeErrors);
    }

    /** Returns a copy with {@code consumeErrors} set as given. */
    public Options withConsumeErrors(boolean consumeErrors) {
      return new Options(fireOnOneErrback, consumeErrors);
    }
  }

  /**
   * Returns a Deferred that fires, once every input has fired, with their outcomes in the order of
   * the list. It never fails (unless cancelled while an input is paused).
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<List<Outcome<T>>> of(
      List<? extends Deferred<? extends T>> deferreds) {
    return of(deferreds, Options.DEFAULT);
  }

  /**
   * Returns a Deferred that fires, once every input has fired, with their outcomes in the order of
   * the list; with {@link Options#fireOnOneErrback}, it fails with a {@link FirstError} as soon as
   * one fails instead.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<List<Outcome<T>>> of(
      List<? extends Deferred<? extends T>> deferreds, Options options) {
    return new Follower<T, List<Outcome<T>>>(deferreds, options, null, Outcome::success).start();
  }

  /**
   * Returns a Deferred that fires with the value, and the position, of the first input to succeed,
   * without waiting for the others; if every input fails, it fails with a {@link FailureGroup} of
   * their failures. Twisted's {@code DeferredList(ds, fireOnOneCallback=True)}.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<Indexed<T>> firstSuccess(
      List<? extends Deferred<? extends T>> deferreds) {
    return firstSuccess(deferreds, Options.DEFAULT);
  }

  /**
   * As {@link #firstSuccess(List)}, with Twisted's other flags: with {@link
   * Options#fireOnOneErrback}, whichever input fires first decides, and a failure fails the result
   * with a {@link FirstError}.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<Indexed<T>> firstSuccess(
      List<? extends Deferred<? extends T>> deferreds, Options options) {
    return new Follower<T, Indexed<T>>(
            deferreds, options, Function.identity(), DeferredList::allFailed)
        .start();
  }

  /**
   * Returns a Deferred that fires with the values of every input, in the order of the list, or
   * fails with a {@link FirstError} as soon as one fails. The inputs' failures stay on their
   * chains.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<List<T>> gatherResults(
      List<? extends Deferred<? extends T>> deferreds) {
    return gatherResults(deferreds, false);
  }

  /**
   * Returns a Deferred that fires with the values of every input, in the order of the list, or
   * fails with a {@link FirstError} as soon as one fails. With {@code consumeErrors}, the inputs'
   * failures are handled and those inputs go on with {@code null}.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<List<T>> gatherResults(
      List<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
    Options options = new Options(true, consumeErrors);
    return DeferredList.<T>of(deferreds, options).map(outcomes -> outcomes.stream()
        .map(outcome -> ((Outcome.Success<T>) outcome).value())
        .toList());
  }

  /**
   * Returns a Deferred that fires with the value, and the position, of the first input to succeed,
   * and cancels all the others; if every input fails, it fails with a {@link FailureGroup} of their
   * failures. The race takes the inputs' results: each input goes on with {@code null}, so the
   * failures of the losers, cancelled or not, are handled.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public static <T extends @Nullable Object> Deferred<Indexed<T>> race(
      List<? extends Deferred<? extends T>> deferreds) {
    return new Race<T>(deferreds).start();
  }

  private static <T extends @Nullable Object> Outcome<Indexed<T>> allFailed(
      List<Outcome<T>> outcomes) {
    List<Failure> failures = new ArrayList<>(outcomes.size());
    for (Outcome<T> outcome : outcomes) {
      failures.add(((Outcome.Failed<T>) outcome).failure());
    }
    return Outcome.failed(Failure.of(new FailureGroup(failures)));
  }

  private static <T extends @Nullable Object> List<Deferred<? extends T>> copy(
      List<? extends Deferred<? extends T>> deferreds) {
    Objects.requireNonNull(deferreds, "deferreds");
    List<Deferred<? extends T>> inputs = new ArrayList<>(deferreds.size());
    for (Deferred<? extends T> deferred : deferreds) {
      if (deferred == null) {
        throw new NullPointerException("deferreds[" + inputs.size() + "] is null");
      }
      inputs.add(deferred);
    }
    return inputs;
  }

  @SuppressWarnings("unchecked") // outcomes are immutable, so Outcome<S> is an Outcome<T>
  private static <T extends @Nullable Object> Outcome<T> widen(Outcome<? extends T> outcome) {
    return (Outcome<T>) outcome;
  }

  private static void cancelAll(List<? extends Deferred<?>> inputs) {
    for (Deferred<?> input : inputs) {
      input.cancel();
    }
  }

  private static <R extends @Nullable Object> void fire(Deferred<R> result, Outcome<R> outcome) {
    switch (outcome) {
      case Outcome.Success<R> success -> result.callback(success.value());
      case Outcome.Failed<R> failed -> result.errback(failed.failure());
    }
  }

  /** Follows the inputs of {@link #of} and {@link #firstSuccess} as Twisted's DeferredList does. */
  private static final class Follower<T extends @Nullable Object, R extends @Nullable Object> {
    private final List<Deferred<? extends T>> inputs;
    private final List<@Nullable Outcome<T>> outcomes;
    private final Options options;
    private final @Nullable Function<Indexed<T>, R> onFirstSuccess;
    private final Function<List<Outcome<T>>, Outcome<R>> whenAllFired;
    private final Deferred<R> result;
    private int fired;

    Follower(
        List<? extends Deferred<? extends T>> deferreds,
        Options options,
        @Nullable Function<Indexed<T>, R> onFirstSuccess,
        Function<List<Outcome<T>>, Outcome<R>> whenAllFired) {
      this.inputs = copy(deferreds);
      this.outcomes = new ArrayList<>(Collections.nCopies(inputs.size(), null));
      this.options = Objects.requireNonNull(options, "options");
      this.onFirstSuccess = onFirstSuccess;
      this.whenAllFired = whenAllFired;
      this.result = new Deferred<>(cancelled -> cancelAll(inputs));
    }

    Deferred<R> start() {
      if (inputs.isEmpty()) {
        fire(result, whenAllFired.apply(List.of()));
      }
      for (int i = 0; i < inputs.size(); i++) {
        follow(inputs.get(i), i);
      }
      return result;
    }

    private <S extends T> void follow(Deferred<S> input, int index) {
      input.<@Nullable Object>transform(outcome -> {
        fired(index, widen(outcome));
        return switch (outcome) {
          case Outcome.Success<S> success -> success.value();
          case Outcome.Failed<S> failed when options.consumeErrors() -> null;
          case Outcome.Failed<S> failed -> throw failed.failure().raise();
        };
      });
    }

    private void fired(int index, Outcome<T> outcome) {
      outcomes.set(index, outcome);
      fired++;
      if (result.called()) {
        return;
      }
      Function<Indexed<T>, R> first = onFirstSuccess;
      if (outcome instanceof Outcome.Success<T> success && first != null) {
        result.callback(first.apply(new Indexed<>(index, success.value())));
      } else if (outcome instanceof Outcome.Failed<T> failed && options.fireOnOneErrback()) {
        result.errback(new FirstError(failed.failure(), index));
      } else if (fired == outcomes.size()) {
        fire(result, whenAllFired.apply(List.copyOf(outcomes)));
      }
    }
  }

  /** Follows the inputs of {@link #race}, as Twisted's {@code race} does. */
  private static final class Race<T extends @Nullable Object> {
    private final List<Deferred<? extends T>> inputs;
    private final List<@Nullable Failure> failures;
    private final Deferred<Indexed<T>> result;
    private @Nullable Deferred<?> winner;
    private int failed;

    Race(List<? extends Deferred<? extends T>> deferreds) {
      this.inputs = copy(deferreds);
      this.failures = new ArrayList<>(Collections.nCopies(inputs.size(), null));
      this.result = new Deferred<>(cancelled -> cancelAll(inputs));
    }

    Deferred<Indexed<T>> start() {
      if (inputs.isEmpty()) {
        result.errback(new FailureGroup(List.of()));
      }
      for (int i = 0; i < inputs.size(); i++) {
        follow(inputs.get(i), i);
      }
      return result;
    }

    private <S extends T> void follow(Deferred<S> input, int index) {
      input.<@Nullable Object>transform(outcome -> {
        switch (outcome) {
          case Outcome.Success<S> success -> won(input, index, success.value());
          case Outcome.Failed<S> failure -> lost(index, failure.failure());
        }
        return null;
      });
    }

    private void won(Deferred<?> input, int index, T value) {
      if (winner != null) {
        return; // a loser whose canceller made it succeed
      }
      winner = input;
      for (Deferred<?> other : inputs) {
        if (other != input) {
          other.cancel();
        }
      }
      if (!result.called()) {
        result.callback(new Indexed<>(index, value));
      }
    }

    private void lost(int index, Failure failure) {
      failures.set(index, failure);
      failed++;
      if (failed == inputs.size() && !result.called()) {
        result.errback(new FailureGroup(List.copyOf(failures)));
      }
    }
  }
}
