package dev.twine.internet;

import dev.twine.defer.Deferred;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Running and stopping a reactor, and the triggers that run around start-up and shutdown
 * (Twisted's {@code IReactorCore}).
 */
public interface ReactorCore {

  /**
   * Runs the reactor on the calling thread until {@link #stop}, then runs the shutdown triggers
   * and returns. A reactor runs once.
   *
   * @throws IllegalStateException if it is running or has already run
   */
  void run();

  /**
   * Asks the reactor to stop: the "shutdown" triggers run (those returning Deferreds are waited
   * for), then {@link #run} returns. Thread-safe.
   *
   * @throws IllegalStateException if it is not running or already stopping
   */
  void stop();

  /** Returns whether the reactor is running and not yet stopping. */
  boolean running();

  /** Runs {@code call} once the reactor is running (at once, on its thread, if it is). */
  void callWhenRunning(Runnable call);

  /**
   * Adds a trigger that runs in {@code phase} of {@code event}. A trigger that returns a Deferred
   * holds the event, in the "before" phase, until the Deferred fires; {@code null} means nothing to
   * wait for.
   *
   * @return a handle for {@link #removeSystemEventTrigger}
   */
  Object addSystemEventTrigger(
      Phase phase, SystemEvent event, Supplier<? extends @Nullable Deferred<?>> trigger);

  /**
   * Removes a trigger added by {@link #addSystemEventTrigger}.
   *
   * @throws IllegalArgumentException if it is not (or no longer) registered
   */
  void removeSystemEventTrigger(Object handle);

  /** The events that triggers can be added to. */
  enum SystemEvent {
    STARTUP,
    SHUTDOWN
  }

  /** When, relative to an event, a trigger runs. */
  enum Phase {
    BEFORE,
    DURING,
    AFTER
  }
}
