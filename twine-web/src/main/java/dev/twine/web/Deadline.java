package dev.twine.web;

import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One deadline of a connection that moves often and cheaply: setting or clearing it only writes
 * a number, and the single scheduled call, when it comes too early, schedules itself again for
 * the deadline. Busy connections thus reschedule no timer per request.
 *
 * <p>The deadline is itself the scheduled call's {@link Runnable}, so that one with a call
 * pending costs no object besides the call.
 */
final class Deadline implements Runnable {
  /** How close to the deadline a call counts as on time, for rounding in clocks. */
  private static final double SLACK = 1e-6;

  private final ReactorTime time;
  private final Runnable onExpiry;
  private double at = Double.POSITIVE_INFINITY;
  private @Nullable DelayedCall call;

  Deadline(ReactorTime time, Runnable onExpiry) {
    this.time = time;
    this.onExpiry = onExpiry;
  }

  /** Sets the deadline to {@code from} now, replacing any other. */
  void set(Duration from) {
    double now = time.seconds();
    at = now + from.toNanos() / 1e9;
    DelayedCall scheduled = call;
    if (scheduled == null) {
      call = time.callLater(from, this);
    } else if (scheduled.time() > at + SLACK) {
      scheduled.reset(from);
    }
  }

  /** Removes the deadline; the scheduled call, if any, will find nothing to do. */
  void clear() {
    at = Double.POSITIVE_INFINITY;
  }

  /** Removes the deadline and cancels the scheduled call: for a connection that has ended. */
  void cancel() {
    at = Double.POSITIVE_INFINITY;
    DelayedCall scheduled = call;
    call = null;
    if (scheduled != null && scheduled.active()) {
      scheduled.cancel();
    }
  }

  /** Runs the expiry if the deadline has come, else schedules the call again for it. */
  @Override
  public void run() {
    call = null;
    if (at == Double.POSITIVE_INFINITY) {
      return;
    }
    double left = at - time.seconds();
    if (left > SLACK) {
      call = time.callLater(Duration.ofNanos((long) (left * 1e9)), this);
      return;
    }
    at = Double.POSITIVE_INFINITY;
    onExpiry.run();
  }
}
