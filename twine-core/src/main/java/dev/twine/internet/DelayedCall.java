package dev.twine.internet;

import java.time.Duration;

/**
 * A call scheduled with {@link ReactorTime#callLater}: it can be cancelled, moved or inspected
 * until it runs.
 *
 * <p>Threading: the same thread as the {@link ReactorTime} that made it.
 */
public interface DelayedCall {

  /** Returns the time, on its clock's {@link ReactorTime#seconds()} scale, at which it runs. */
  double time();

  /** Returns whether the call has neither run nor been cancelled. */
  boolean active();

  /**
   * Cancels the call so that it never runs.
   *
   * @throws IllegalStateException if it already ran or was already cancelled
   */
  void cancel();

  /**
   * Moves the call to run {@code fromNow} after the current time.
   *
   * @throws IllegalStateException if it already ran or was cancelled
   * @throws IllegalArgumentException if {@code fromNow} is negative
   */
  void reset(Duration fromNow);

  /**
   * Moves the call {@code by} later than it is now scheduled (earlier if negative).
   *
   * @throws IllegalStateException if it already ran or was cancelled
   */
  void delay(Duration by);
}
