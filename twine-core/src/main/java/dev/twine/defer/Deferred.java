// Over 500 lines on purpose: the public chain API and the engine that runs the chain share one
// object's private state (result, queued steps, pause and hand-off bookkeeping), and splitting
// them would expose that state to the package. Steps themselves live in Step.java.
package dev.twine.defer;

import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A result that is not there yet: one chain of steps that run, in order, when it arrives.
 *
 * <p>This is Twisted's {@code Deferred}, with its semantics. Whoever produces the result fires
 * the Deferred once, with {@link #callback} or {@link #errback}; whoever consumes it adds steps.
 * Each step receives the result of the step before it. A step on the success path that throws
 * turns the chain to the failure path; a step on the failure path that returns a value recovers.
 * A step that returns another Deferred pauses the chain until that one fires, and the chain goes
 * on with its result. Adding a step to a Deferred that already fired runs the step at once.
 *
 * <pre>{@code
 * Deferred<Page> page = client.get(url)                    // Deferred<Response>
 *     .flatMap(response -> response.readBody())             // Deferred<Bytes>
 *     .map(body -> Page.parse(body.utf8()))                 // Deferred<Page>
 *     .recover(IOException.class, e -> Page.offline())      // failures of that type recover
 *     .always(outcome -> spinner.stop());                   // runs on both paths
 * }</pre>
 *
 * <h2>From Twisted</h2>
 *
 * <p>Java's types cannot let one method both map a value and chain a Deferred, so each meaning
 * has its own name:
 *
 * <table>
 *   <caption>Twisted's methods and their Twine equivalents</caption>
 *   <tr><th>Twisted</th><th>Twine</th></tr>
 *   <tr><td>{@code addCallback(f)}, {@code f} returns a value</td><td>{@link #map}</td></tr>
 *   <tr><td>{@code addCallback(f)}, {@code f} returns a Deferred</td><td>{@link #flatMap}</td></tr>
 *   <tr><td>{@code addCallback(f)}, {@code f} returns its argument</td><td>{@link #onSuccess}</td></tr>
 *   <tr><td>{@code addErrback(f)}, {@code f} recovers</td>
 *       <td>{@link #recover(Callback)}, {@link #recoverWith(Callback)}</td></tr>
 *   <tr><td>{@code addErrback(f)} with {@code failure.trap(E)}</td>
 *       <td>{@link #recover(Class, Callback)}, {@link #recoverWith(Class, Callback)}</td></tr>
 *   <tr><td>{@code addErrback(f)}, {@code f} logs and returns the failure</td>
 *       <td>{@link #onFailure}</td></tr>
 *   <tr><td>{@code addBoth(f)}</td><td>{@link #transform}, {@link #transformWith}</td></tr>
 *   <tr><td>{@code addBoth(f)}, {@code f} cleans up and passes the result on</td>
 *       <td>{@link #always}</td></tr>
 *   <tr><td>{@code addCallbacks(f, g)}</td>
 *       <td>{@link #transform} with a {@code switch} over {@link Outcome}: {@code g} does not see
 *       a failure raised by {@code f}</td></tr>
 *   <tr><td>{@code chainDeferred(d)}</td><td>{@link #chainDeferred}</td></tr>
 *   <tr><td>{@code maybeDeferred(f)}</td><td>{@link #maybeDeferred}, {@link #maybeDeferredWith}</td></tr>
 *   <tr><td>{@code addTimeout(t, clock)}</td><td>{@link #addTimeout}</td></tr>
 * </table>
 *
 * <h2>One chain, retyped</h2>
 *
 * <p>As in Twisted, there is one chain: every step method returns <em>this same Deferred</em>,
 * typed by its new result. Continue through the returned reference. A reference of the old type
 * may still fire the Deferred, but adding a step through it would see a result of the new type.
 *
 * <h2>Failures, cancellation, threads</h2>
 *
 * <p>A failure that reaches the end of the chain with no step to handle it is logged with its
 * stack when the Deferred is garbage-collected (see {@link UnhandledFailures}). {@link #cancel}
 * asks the producer to stop, through the canceller given at construction; a Deferred without one
 * fails with {@link CancelledException}. The chain runs on a work list rather than by recursion,
 * so chains of any length do not overflow the stack.
 *
 * <p>Threading: a Deferred is not thread-safe. It belongs to one thread, normally its reactor's,
 * and its steps run on the thread that fires it. Results from other threads come in through
 * {@link #fromCompletionStage} or the reactor's {@code callFromThread}.
 *
 * @param <T> the type of the result at the current end of the chain
 */
public final class Deferred<T extends @Nullable Object> {
  private static final System.Logger LOG = System.getLogger(Deferred.class.getName());

  private final @Nullable Consumer<? super Deferred<T>> canceller;

  private boolean called;
  private boolean failed;
  private @Nullable Object result;
  private @Nullable Step head;
  private @Nullable Step tail;
  /** How many {@link #pause} calls are not yet undone; waiting on {@link #chainedTo} is apart. */
  private int paused;
  /** Whether a loop of {@link #runSteps} on the stack is processing this chain now. */
  private boolean busy;
  private boolean suppressAlreadyCalled;
  /** The Deferred that a step returned and that this chain waits on, or null. */
  private @Nullable Deferred<?> chainedTo;
  private UnhandledFailures.@Nullable Watch unhandled;

  /** Creates a Deferred that, when cancelled, fails with {@link CancelledException}. */
  public Deferred() {
    this.canceller = null;
  }

  /**
   * Creates a Deferred whose {@link #cancel} first calls {@code canceller}, which should stop the
   * work and may fire the Deferred itself; if it does not, the Deferred fails with
   * {@link CancelledException}.
   */
  public Deferred(Consumer<? super Deferred<T>> canceller) {
    this.canceller = Objects.requireNonNull(canceller, "canceller");
  }

  /** Returns a Deferred that has already succeeded with {@code value}. */
  public static <T extends @Nullable Object> Deferred<T> succeed(T value) {
    Deferred<T> deferred = new Deferred<>();
    deferred.callback(value);
    return deferred;
  }

  /** Returns a Deferred that has already failed with {@code exception}. */
  public static <T extends @Nullable Object> Deferred<T> fail(Throwable exception) {
    return fail(Failure.of(exception));
  }

  /** Returns a Deferred that has already failed with {@code failure}. */
  public static <T extends @Nullable Object> Deferred<T> fail(Failure failure) {
    Deferred<T> deferred = new Deferred<>();
    deferred.errback(failure);
    return deferred;
  }

  /**
   * Calls {@code work} now and returns its value as a fired Deferred, or its exception as a
   * failed one: synchronous code gets a Deferred interface (Twisted's {@code maybeDeferred}).
   */
  public static <T extends @Nullable Object> Deferred<T> maybeDeferred(Callable<? extends T> work) {
    try {
      return succeed(work.call());
    } catch (Throwable e) {
      return fail(e);
    }
  }

  /**
   * Calls {@code work}, which returns a Deferred, now; returns that Deferred, or a failed one if
   * {@code work} throws or returns {@code null}.
   */
  public static <T extends @Nullable Object> Deferred<T> maybeDeferredWith(
      Callable<? extends Deferred<T>> work) {
    try {
      return Objects.requireNonNull(work.call(), "maybeDeferredWith: work returned null");
    } catch (Throwable e) {
      return fail(e);
    }
  }

  /**
   * Returns a Deferred that fires with the outcome of {@code stage}. The result is handed to
   * {@code executor} (normally a reactor's {@code callFromThread}), which fires the Deferred on
   * its thread. Cancelling the Deferred cancels the stage's future.
   */
  public static <T extends @Nullable Object> Deferred<T> fromCompletionStage(
      CompletionStage<? extends T> stage, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<? extends T> future = stage.toCompletableFuture();
    Deferred<T> deferred = new Deferred<>(d -> future.cancel(false));
    stage.whenComplete((value, error) -> executor.execute(() -> {
      if (deferred.called) {
        return; // cancelled meanwhile
      }
      if (error == null) {
        deferred.fireInternal(value, false);
      } else {
        deferred.fireInternal(Failure.of(unwrap(error)), true);
      }
    }));
    return deferred;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable exception = error;
    Throwable cause;
    while ((exception instanceof CompletionException || exception instanceof ExecutionException)
        && (cause = exception.getCause()) != null) {
      exception = cause;
    }
    if (exception instanceof CancellationException && !(exception instanceof CancelledException)) {
      CancelledException cancelled = new CancelledException("the future was cancelled");
      cancelled.initCause(exception);
      return cancelled;
    }
    return exception;
  }

  /**
   * Fires this Deferred with a value: the steps run now, on this thread.
   *
   * @throws AlreadyCalledException if it has already been fired (unless it was cancelled without
   *     a canceller, in which case one late result is silently dropped, as in Twisted)
   */
  public void callback(T value) {
    fire(value, false);
  }

  /**
   * Fires this Deferred with a failure made from {@code exception}.
   *
   * @throws AlreadyCalledException as {@link #callback}
   */
  public void errback(Throwable exception) {
    fire(Failure.of(exception), true);
  }

  /**
   * Fires this Deferred with {@code failure}.
   *
   * @throws AlreadyCalledException as {@link #callback}
   */
  public void errback(Failure failure) {
    fire(Objects.requireNonNull(failure, "failure"), true);
  }

  /** Returns whether this Deferred has been fired (Twisted's {@code called}). */
  public boolean called() {
    return called;
  }

  /**
   * Returns whether {@link #pause} has been called more often than {@link #unpause}. A chain that
   * waits on a Deferred returned by one of its steps is not paused in this sense.
   */
  public boolean paused() {
    return paused > 0;
  }

  /**
   * Adds a step that maps the value to a new value; failures pass it by.
   *
   * @return this Deferred, now typed by the step's result
   */
  public <R extends @Nullable Object> Deferred<R> map(Callback<? super T, ? extends R> step) {
    return add(Step.MAP, step, null);
  }

  /**
   * Adds a step that maps the value to another Deferred; the chain waits for that one and goes on
   * with its result. Failures pass the step by.
   *
   * @return this Deferred, now typed by the result of the returned Deferreds
   */
  public <R extends @Nullable Object> Deferred<R> flatMap(
      Callback<? super T, ? extends Deferred<? extends R>> step) {
    return add(Step.FLAT_MAP, step, null);
  }

  /**
   * Adds a step that recovers from any failure with a value; values pass it by. To recover from
   * some failures only, call {@link Failure#trap} in the step, or use {@link #recover(Class,
   * Callback)}.
   */
  public Deferred<T> recover(Callback<? super Failure, ? extends T> step) {
    return add(Step.RECOVER, step, null);
  }

  /**
   * Adds a step that recovers with a value from failures whose exception is a {@code type};
   * other failures and values pass it by.
   */
  public <X extends Throwable> Deferred<T> recover(
      Class<X> type, Callback<? super X, ? extends T> step) {
    return add(Step.RECOVER, step, Objects.requireNonNull(type, "type"));
  }

  /** Adds a step that recovers from any failure with another Deferred, which the chain waits for. */
  public Deferred<T> recoverWith(Callback<? super Failure, ? extends Deferred<? extends T>> step) {
    return add(Step.RECOVER_WITH, step, null);
  }

  /**
   * Adds a step that recovers from failures whose exception is a {@code type} with another
   * Deferred, which the chain waits for; other failures and values pass it by.
   */
  public <X extends Throwable> Deferred<T> recoverWith(
      Class<X> type, Callback<? super X, ? extends Deferred<? extends T>> step) {
    return add(Step.RECOVER_WITH, step, Objects.requireNonNull(type, "type"));
  }

  /**
   * Adds a step that runs on both paths (Twisted's {@code addBoth}): it receives the
   * {@link Outcome} and returns the next value, or throws to fail.
   *
   * @return this Deferred, now typed by the step's result
   */
  public <R extends @Nullable Object> Deferred<R> transform(
      Callback<? super Outcome<T>, ? extends R> step) {
    return add(Step.TRANSFORM, step, null);
  }

  /**
   * Adds a step that runs on both paths and returns another Deferred, which the chain waits for.
   *
   * @return this Deferred, now typed by the result of the returned Deferreds
   */
  public <R extends @Nullable Object> Deferred<R> transformWith(
      Callback<? super Outcome<T>, ? extends Deferred<? extends R>> step) {
    return add(Step.TRANSFORM_WITH, step, null);
  }

  /** Adds a side effect on the value, which passes on unchanged; failures pass it by. */
  public Deferred<T> onSuccess(Effect<? super T> effect) {
    return add(Step.ON_SUCCESS, effect, null);
  }

  /**
   * Adds a side effect on a failure, which passes on unchanged (still unhandled); values pass it
   * by.
   */
  public Deferred<T> onFailure(Effect<? super Failure> effect) {
    return add(Step.ON_FAILURE, effect, null);
  }

  /**
   * Adds a side effect that runs on both paths, such as releasing a resource; the outcome passes
   * on unchanged unless the effect throws.
   */
  public Deferred<T> always(Effect<? super Outcome<T>> effect) {
    return add(Step.ALWAYS, effect, null);
  }

  /**
   * Fires {@code other} with this Deferred's result when it arrives (Twisted's
   * {@code chainDeferred}). This chain goes on with {@code null}; if {@code other} has already
   * been fired, it goes on with the {@link AlreadyCalledException} instead.
   */
  public Deferred<@Nullable Void> chainDeferred(Deferred<? super T> other) {
    if (other == this) {
      throw new IllegalArgumentException("a Deferred cannot be chained to itself");
    }
    return add(Step.CHAIN, other, null);
  }

  /**
   * Stops running steps until {@link #unpause} is called as often as this was. Results and steps
   * that arrive meanwhile wait.
   */
  public void pause() {
    paused++;
  }

  /**
   * Undoes one {@link #pause}; when none is left, the steps that waited run now.
   *
   * @throws IllegalStateException if the Deferred is not paused
   */
  public void unpause() {
    if (paused == 0) {
      throw new IllegalStateException("unpause() called on a Deferred that is not paused: " + this);
    }
    paused--;
    runSteps();
  }

  /**
   * Cancels the work behind this Deferred. If it has not fired, its canceller runs; if the
   * canceller does not fire it, or there is none, it fails with {@link CancelledException}. If it
   * fired but its chain waits on another Deferred, that one is cancelled, however deep the
   * waiting goes. Otherwise nothing happens. Idempotent.
   *
   * <p>A canceller that throws does not stop the cancellation: the exception is attached to the
   * {@link CancelledException} as suppressed, or logged if the canceller had fired the Deferred.
   */
  public void cancel() {
    Deferred<?> target = this;
    Deferred<?> inner;
    while (target.called && (inner = target.chainedTo) != null) {
      target = inner;
    }
    if (!target.called) {
      target.cancelUnfired();
    }
  }

  private void cancelUnfired() {
    Consumer<? super Deferred<T>> cancel = canceller;
    Throwable cancellerError = null;
    if (cancel == null) {
      suppressAlreadyCalled = true;
    } else {
      try {
        cancel.accept(this);
      } catch (Throwable e) {
        cancellerError = e;
      }
    }
    if (!called) {
      CancelledException cancelled = new CancelledException("Deferred was cancelled");
      if (cancellerError != null) {
        cancelled.addSuppressed(cancellerError);
      }
      fireInternal(Failure.of(cancelled), true);
    } else if (cancellerError != null) {
      LOG.log(System.Logger.Level.WARNING, "The canceller of " + this + " threw after firing it",
          cancellerError);
    }
  }

  /**
   * Cancels this Deferred if it has not fired within {@code timeout} on {@code clock}; the
   * cancellation then reaches the chain as a {@link TimedOutException} instead of a
   * {@link CancelledException}. The timer is cancelled as soon as the Deferred fires.
   */
  public Deferred<T> addTimeout(Duration timeout, ReactorTime clock) {
    boolean[] timedOut = {false};
    DelayedCall timer = clock.callLater(timeout, () -> {
      timedOut[0] = true;
      cancel();
    });
    return transform(outcome -> {
      if (timer.active()) {
        timer.cancel();
      }
      if (outcome instanceof Outcome.Failed<T> failed) {
        Throwable exception = failed.failure().exception();
        if (timedOut[0] && exception instanceof CancelledException cancelled) {
          throw new TimedOutException(timeout, cancelled);
        }
        throw failed.failure().raise();
      }
      return ((Outcome.Success<T>) outcome).value();
    });
  }

  /**
   * Returns a future that completes with this Deferred's outcome, on the thread that fires it.
   * The chain ends here: the result is handed to the future (a failure counts as handled) and this
   * Deferred goes on with {@code null}. Cancelling the future does not cancel this Deferred,
   * since the future may be cancelled from any thread; cancel the Deferred on its own thread.
   */
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> future = new CompletableFuture<>();
    transform(outcome -> {
      switch (outcome) {
        case Outcome.Success<T> success -> future.complete(success.value());
        case Outcome.Failed<T> failure -> future.completeExceptionally(failure.failure().exception());
      }
      return null;
    });
    return future;
  }

  /**
   * Describes the state: {@code Deferred@1b6d3586[pending]}, {@code [result: ...]},
   * {@code [failed: ...]} or {@code [waiting on Deferred@4554617c]}, followed by
   * {@code , paused} while paused.
   */
  @Override
  public String toString() {
    Deferred<?> inner = chainedTo;
    String state;
    if (!called) {
      state = "pending";
    } else if (inner != null) {
      state = "waiting on " + identity(inner);
    } else {
      state = (failed ? "failed: " : "result: ") + result;
    }
    return identity(this) + "[" + state + (paused > 0 ? ", paused" : "") + "]";
  }

  private static String identity(Deferred<?> deferred) {
    return "Deferred@" + Integer.toHexString(System.identityHashCode(deferred));
  }

  // --- The chain ---

  private void fire(@Nullable Object value, boolean isFailure) {
    if (called && suppressAlreadyCalled) {
      suppressAlreadyCalled = false;
      return;
    }
    fireInternal(value, isFailure);
  }

  private void fireInternal(@Nullable Object value, boolean isFailure) {
    if (called) {
      throw new AlreadyCalledException("Deferred was already fired: " + this);
    }
    called = true;
    result = value;
    failed = isFailure;
    runSteps();
  }

  @SuppressWarnings("unchecked")
  private <R extends @Nullable Object> Deferred<R> add(
      int kind, Object function, @Nullable Class<? extends Throwable> trap) {
    append(new Step(kind, Objects.requireNonNull(function, "step"), trap));
    runSteps();
    return (Deferred<R>) this;
  }

  private void append(Step step) {
    if (tail == null) {
      head = step;
    } else {
      tail.next = step;
    }
    tail = step;
  }

  /** Returns whether this chain may run now: not paused, not waiting, not already running. */
  private boolean runnable() {
    return paused == 0 && chainedTo == null && !busy;
  }

  /**
   * Runs the steps of this Deferred, and of every Deferred its results flow into, on an explicit
   * work list: a step that hands this result to another Deferred pushes this one and carries on
   * with the other, then comes back. A Deferred on the list is busy: steps added to it meanwhile
   * wait for their turn instead of running inside the other chain.
   */
  private void runSteps() {
    if (!called || !runnable()) {
      return;
    }
    ArrayList<Deferred<?>> handedOff = null;
    Deferred<?> current = this;
    current.busy = true;
    while (true) {
      Deferred<?> next = current.runOwnSteps();
      if (next == null) {
        current.busy = false;
        if (handedOff == null || handedOff.isEmpty()) {
          return;
        }
        current = handedOff.remove(handedOff.size() - 1);
      } else if (next.runnable()) {
        if (handedOff == null) {
          handedOff = new ArrayList<>();
        }
        handedOff.add(current);
        current = next;
        current.busy = true;
      }
    }
  }

  /**
   * Runs this Deferred's queued steps until none is left, it pauses or waits, or a step hands the
   * result to another Deferred; returns that Deferred, whose steps should run next, or null.
   */
  private @Nullable Deferred<?> runOwnSteps() {
    clearUnhandled();
    Step step;
    while ((step = head) != null && paused == 0) {
      head = step.next;
      if (head == null) {
        tail = null;
      }
      if (step.kind == Step.CONTINUE || step.kind == Step.CHAIN) {
        Deferred<?> target = (Deferred<?>) step.function;
        Deferred<?> handOff = handTo(target, step.kind == Step.CONTINUE);
        if (handOff != null) {
          return handOff;
        }
        continue;
      }
      if (!step.appliesTo(failed, result)) {
        continue;
      }
      Object produced;
      try {
        produced = step.apply(failed, result);
      } catch (Throwable e) {
        setResult(Failure.of(e), true);
        continue;
      }
      if (!step.returnsDeferred()) {
        setResult(produced, step.failsAfter(failed));
      } else if (!waitFor(produced)) {
        return null;
      }
    }
    if (head == null && failed && paused == 0) {
      unhandled = UnhandledFailures.watch(this, (Failure) Objects.requireNonNull(result));
    }
    return null;
  }

  private void setResult(@Nullable Object value, boolean isFailure) {
    result = value;
    failed = isFailure;
  }

  /**
   * Takes the result of the Deferred a step returned: at once if it has one and nothing holds it
   * back, else makes this chain wait until it is handed over. Returns whether this chain may go
   * on now.
   */
  private boolean waitFor(@Nullable Object produced) {
    if (produced == null) {
      setResult(Failure.of(new NullPointerException("a step returned null instead of a Deferred")), true);
      return true;
    }
    Deferred<?> inner = (Deferred<?>) produced;
    if (inner == this) {
      setResult(Failure.of(new IllegalStateException("a step returned its own Deferred")), true);
      return true;
    }
    if (inner.called && inner.runnable() && inner.head == null) {
      inner.clearUnhandled();
      setResult(inner.result, inner.failed);
      inner.setResult(null, false);
      return true;
    }
    // The inner Deferred is unfired, paused, waiting, or busy further up the stack: in each case
    // its steps, then this continuation, run when it gets going again.
    chainedTo = inner;
    inner.append(new Step(Step.CONTINUE, this, null));
    return false;
  }

  /**
   * Hands this Deferred's result to {@code target}: to the chain that waits on this one
   * ({@code resume}), or to the Deferred given to {@link #chainDeferred}. Returns the target if
   * its steps must run next, or null if this chain simply goes on.
   */
  private @Nullable Deferred<?> handTo(Deferred<?> target, boolean resume) {
    if (!resume && target.called) {
      if (target.suppressAlreadyCalled) {
        target.suppressAlreadyCalled = false;
        setResult(null, false);
      } else {
        setResult(Failure.of(new AlreadyCalledException("chained Deferred was already fired: " + target)), true);
      }
      return null;
    }
    target.result = result;
    target.failed = failed;
    target.called = true;
    if (resume) {
      target.chainedTo = null;
    }
    setResult(null, false);
    return target;
  }

  private void clearUnhandled() {
    UnhandledFailures.Watch watch = unhandled;
    if (watch != null) {
      unhandled = null;
      watch.handled();
    }
  }
}
