package dev.twine.internet;

import dev.twine.defer.Callback;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Effect;
import dev.twine.defer.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs a piece of work again and again, once per interval, on a {@link ReactorTime} (Twisted's
 * {@code task.LoopingCall}).
 *
 * <p>Runs are aligned to the start time: with interval {@code i} started at {@code t}, they are
 * due at {@code t}, {@code t + i}, {@code t + 2i}, ..., so time spent in the work does not make
 * the loop drift. When a run comes late (the reactor was busy, the clock jumped, or the work took
 * longer than an interval), the intervals missed are skipped, not made up: the next run is due at
 * the next boundary still ahead. {@link #withCount} tells the work how many intervals went by.
 *
 * <p>Work made with {@link #ofDeferred} or {@link #withCountDeferred} returns a {@link Deferred};
 * the loop waits for it to fire before it schedules the next run, and ignores its value.
 *
 * <pre>{@code
 * LoopingCall heartbeat = LoopingCall.of(reactor, loop -> transport.write(PING));
 * heartbeat.start(Duration.ofSeconds(30), true)
 *     .onFailure(failure -> log.log(WARNING, "heartbeat failed", failure.exception()));
 * ...
 * heartbeat.stop();
 * }</pre>
 *
 * <table>
 *   <caption>Twisted's names and their Twine equivalents</caption>
 *   <tr><th>Twisted</th><th>Twine</th></tr>
 *   <tr><td>{@code LoopingCall(f)}, {@code f} returns nothing</td><td>{@link #of}</td></tr>
 *   <tr><td>{@code LoopingCall(f)}, {@code f} returns a Deferred</td><td>{@link #ofDeferred}</td></tr>
 *   <tr><td>{@code LoopingCall.withCount(f)}</td>
 *       <td>{@link #withCount}, {@link #withCountDeferred}</td></tr>
 *   <tr><td>{@code lc.clock = clock}</td><td>the first argument of each factory</td></tr>
 * </table>
 *
 * <p>Threading: not thread-safe; use it on its clock's thread. The work runs there.
 */
public final class LoopingCall {
  private static final double NANOS_PER_SECOND = 1e9;

  private final ReactorTime clock;
  private final Work work;

  private boolean running;
  private @Nullable Duration interval;
  private long intervalNanos;
  private long startNanos;
  private long dueNanos;
  private long lastRunNanos;
  private @Nullable DelayedCall call;
  private @Nullable Deferred<LoopingCall> finished;
  private @Nullable Deferred<?> inFlight;
  private int generation;

  private LoopingCall(ReactorTime clock, Work work) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.work = work;
  }

  /**
   * Returns a loop, not yet started, whose work runs synchronously. The work receives the loop,
   * so that it can {@link #stop} it; if it throws, the loop stops and the Deferred returned by
   * {@link #start} fails with that exception.
   */
  public static LoopingCall of(ReactorTime clock, Effect<? super LoopingCall> work) {
    Objects.requireNonNull(work, "work");
    return new LoopingCall(clock, (loop, count) -> {
      work.accept(loop);
      return Deferred.succeed(null);
    });
  }

  /**
   * Returns a loop, not yet started, whose work returns a {@link Deferred}: the next run is
   * scheduled only once it has fired. If the work throws, returns {@code null}, or its Deferred
   * fails, the loop stops and the Deferred returned by {@link #start} fails with that exception.
   */
  public static LoopingCall ofDeferred(
      ReactorTime clock, Callback<? super LoopingCall, ? extends Deferred<?>> work) {
    Objects.requireNonNull(work, "work");
    return new LoopingCall(clock, (loop, count) -> work.call(loop));
  }

  /**
   * Returns a loop, not yet started, whose synchronous work receives the number of intervals that
   * have gone by since its previous run (Twisted's {@code withCount}). The count is 1 when the
   * loop keeps time, more when runs were skipped because the loop came late; it is always 1 for a
   * zero interval. An animation advances that many frames, for example.
   */
  public static LoopingCall withCount(ReactorTime clock, Effect<? super Integer> work) {
    Objects.requireNonNull(work, "work");
    return new LoopingCall(clock, (loop, count) -> {
      work.accept(count);
      return Deferred.succeed(null);
    });
  }

  /**
   * Returns a loop, not yet started, that combines {@link #withCount} and {@link #ofDeferred}: the
   * work receives the count and returns a Deferred the loop waits for. Intervals that pass while
   * it waits are counted in the next run.
   */
  public static LoopingCall withCountDeferred(
      ReactorTime clock, Callback<? super Integer, ? extends Deferred<?>> work) {
    Objects.requireNonNull(work, "work");
    return new LoopingCall(clock, (loop, count) -> work.call(count));
  }

  /**
   * Starts running the work every {@code interval}, at once if {@code now} is true, else after
   * the first interval. A zero interval runs the work on every turn of the reactor, with a zero
   * delay between runs.
   *
   * <p>The returned Deferred fires with this loop once it has stopped after {@link #stop} (when
   * the work is not running, at once), or fails with the work's exception, after which the loop
   * is stopped. When {@code now} is true and the work fails at once, it is returned already
   * failed. Cancelling it stops the loop, cancels the Deferred of a run in progress, and fails
   * it with {@link CancelledException}. Once it has fired, the loop may be started again.
   *
   * @throws IllegalStateException if the loop is running, or was stopped while its work's
   *     Deferred is still pending
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public Deferred<LoopingCall> start(Duration interval, boolean now) {
    Objects.requireNonNull(interval, "interval");
    if (running) {
      throw new IllegalStateException("LoopingCall is already running: " + this);
    }
    if (finished != null) {
      throw new IllegalStateException(
          "LoopingCall is still stopping: the Deferred of its last run has not fired: " + this);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative: " + interval);
    }
    this.interval = interval;
    intervalNanos = interval.toNanos();
    running = true;
    generation++;
    Deferred<LoopingCall> deferred = new Deferred<>(this::cancelled);
    finished = deferred;
    startNanos = nowNanos();
    if (now) {
      lastRunNanos = startNanos - intervalNanos;
      dueNanos = startNanos;
      run();
    } else {
      lastRunNanos = startNanos;
      scheduleFrom(startNanos);
    }
    return deferred;
  }

  /**
   * Stops the loop: no further run starts. If the work is not running, the Deferred returned by
   * {@link #start} fires now; if it is (or its Deferred is pending), it fires when that run ends.
   *
   * @throws IllegalStateException if the loop is not running
   */
  public void stop() {
    if (!running) {
      throw new IllegalStateException("LoopingCall is not running: " + this);
    }
    running = false;
    DelayedCall pending = call;
    if (pending != null) {
      pending.cancel();
      call = null;
      takeFinished().callback(this);
    }
  }

  /**
   * Skips the next run and restarts the timer: the next run is due one interval from now, and
   * later ones are aligned to now. While the work is running or its Deferred is pending, this
   * does nothing.
   *
   * @throws IllegalStateException if the loop is not running
   */
  public void reset() {
    if (!running) {
      throw new IllegalStateException("cannot reset a LoopingCall that is not running: " + this);
    }
    DelayedCall pending = call;
    if (pending != null) {
      pending.cancel();
      startNanos = nowNanos();
      scheduleFrom(startNanos);
    }
  }

  /**
   * Returns whether the loop is running: true from {@link #start} until {@link #stop}, the work's
   * failure or cancellation.
   */
  public boolean running() {
    return running;
  }

  /** Returns the interval given to the last {@link #start}, or empty if it was never started. */
  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  @Override
  public String toString() {
    String every = interval == null ? "never started" : "every " + interval;
    return "LoopingCall[" + every + ", " + (running ? "running" : "stopped") + "]";
  }

  private void run() {
    call = null;
    long now = Math.max(nowNanos(), dueNanos);
    int count = countSince(lastRunNanos, now);
    lastRunNanos = now;
    int runGeneration = generation;
    Deferred<?> result = Deferred.maybeDeferredWith(() -> work.run(this, count));
    inFlight = result;
    result.transform(outcome -> {
      ran(runGeneration, outcome);
      return null;
    });
  }

  /** Continues after a run: schedules the next one, or fires the loop's Deferred. */
  private void ran(int runGeneration, Outcome<?> outcome) {
    if (runGeneration != generation) {
      return; // the loop was cancelled while this run was in progress
    }
    inFlight = null;
    if (outcome instanceof Outcome.Failed<?> failed) {
      running = false;
      takeFinished().errback(failed.failure());
    } else if (running) {
      scheduleFrom(nowNanos());
    } else {
      takeFinished().callback(this);
    }
  }

  /** Schedules the next run for the first interval boundary after {@code now}. */
  private void scheduleFrom(long now) {
    long delay = intervalNanos == 0
        ? 0
        : intervalNanos - Math.floorMod(now - startNanos, intervalNanos);
    dueNanos = now + delay;
    call = clock.callLater(Duration.ofNanos(delay), this::run);
  }

  /** Returns how many interval boundaries lie between two runs; at least 1. */
  private int countSince(long previous, long now) {
    if (intervalNanos == 0) {
      return 1;
    }
    // Division truncates towards zero, as Twisted's int() does: after reset(), the run before
    // the new start time counts as being in interval 0.
    long count = (now - startNanos) / intervalNanos - (previous - startNanos) / intervalNanos;
    return (int) Math.min(count, Integer.MAX_VALUE);
  }

  private void cancelled(Deferred<LoopingCall> deferred) {
    running = false;
    generation++;
    finished = null;
    DelayedCall pending = call;
    if (pending != null) {
      pending.cancel();
      call = null;
    }
    Deferred<?> work = inFlight;
    if (work != null) {
      inFlight = null;
      work.cancel();
    }
  }

  private Deferred<LoopingCall> takeFinished() {
    Deferred<LoopingCall> deferred = Objects.requireNonNull(finished, "finished");
    finished = null;
    return deferred;
  }

  private long nowNanos() {
    return Math.round(clock.seconds() * NANOS_PER_SECOND);
  }

  /** The work in the one shape the loop runs: given the loop and the count, a Deferred. */
  @FunctionalInterface
  private interface Work {
    Deferred<?> run(LoopingCall loop, int count) throws Exception;
  }
}
