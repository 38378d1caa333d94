package dev.twine.internet;

import java.time.Duration;

/**
 * The time capability of a reactor: what it is now, and running a call later.
 *
 * <p>This is Twisted's {@code IReactorTime}. Code that only needs time asks for this interface
 * rather than a whole reactor, so that tests can hand it a {@code dev.twine.testing.Clock} and
 * advance time by hand.
 *
 * <p>Threading: both methods must be called on the reactor's thread (any thread for a test clock
 * that the test drives); the call runs on that thread too.
 */
public interface ReactorTime {

  /**
   * Returns the current time of this clock in seconds. Only differences between readings mean
   * anything: the origin is the clock's own, not the epoch.
   */
  double seconds();

  /**
   * Schedules {@code call} to run once, {@code delay} from now, and returns its handle. Calls due
   * at the same time run in the order they were scheduled. An exception thrown by the call is
   * logged and does not stop the clock.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  DelayedCall callLater(Duration delay, Runnable call);
}
