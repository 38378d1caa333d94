package dev.twine.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The shared timeline of one load run: a warmup, then a measured interval, then a stop. The event
 * loop reports progress and failures to it; the main thread waits through the phases with
 * {@link #measure}, which fails as soon as the loop reports a failure or nothing progresses for
 * {@link #STALL_LIMIT_NANOS}.
 *
 * <p>Thread-safe, with one writer of progress: the event loop calls {@link #progressed}, {@link #measuring}, {@link #stopping} and
 * {@link #fail}; the main thread calls {@link #measure}.
 */
final class LoadRun {
  /** The longest a run may go without progress before it fails: 30 s. */
  static final long STALL_LIMIT_NANOS = 30_000_000_000L;
  private static final long TICK_MILLIS = 20;

  private final AtomicLong progress = new AtomicLong();
  private final AtomicReference<@Nullable String> failure = new AtomicReference<>();
  private volatile boolean measuring;
  private volatile boolean stopping;

  /** Notes that the load made progress (an echo arrived); only from the one event loop. */
  void progressed() {
    progress.lazySet(progress.get() + 1);
  }

  /** Returns whether the measured interval is under way: what happens now counts. */
  boolean measuring() {
    return measuring;
  }

  /** Returns whether the run is over: connections closing now are not failures. */
  boolean stopping() {
    return stopping;
  }

  /** Fails the run with {@code message}, unless it has already failed or is stopping. */
  void fail(String message) {
    if (!stopping) {
      failure.compareAndSet(null, message);
    }
  }

  /**
   * Waits {@code warmupSeconds}, then measures for {@code durationSeconds}, then marks the run as
   * stopping, and returns the measured interval's length in nanoseconds.
   *
   * @throws LoadFailure if the loop reported a failure, or nothing progressed for 30 s
   */
  long measure(double warmupSeconds, double durationSeconds) throws InterruptedException {
    if (warmupSeconds < 0 || durationSeconds <= 0) {
      throw new IllegalArgumentException("warmup must be >= 0 and duration > 0, got "
          + warmupSeconds + " and " + durationSeconds);
    }
    try {
      waitFor(warmupSeconds);
      measuring = true;
      long start = System.nanoTime();
      waitFor(durationSeconds);
      long elapsed = System.nanoTime() - start;
      measuring = false;
      check();
      return elapsed;
    } finally {
      measuring = false;
      stopping = true;
    }
  }

  /** Throws the reported failure, if any. */
  void check() {
    String message = failure.get();
    if (message != null) {
      throw new LoadFailure(message);
    }
  }

  private void waitFor(double seconds) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long lastProgress = progress.get();
    long lastProgressAt = System.nanoTime();
    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
      Thread.sleep(Math.min(TICK_MILLIS, Math.max(1, (end - now) / 1_000_000)));
      check();
      long seen = progress.get();
      if (seen != lastProgress) {
        lastProgress = seen;
        lastProgressAt = System.nanoTime();
      } else if (System.nanoTime() - lastProgressAt > STALL_LIMIT_NANOS) {
        throw new LoadFailure("no echo for " + STALL_LIMIT_NANOS / 1_000_000_000 + " s");
      }
    }
  }
}
