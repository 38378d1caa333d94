package dev.twine.testing;

import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link ReactorTime} whose time moves only when the test says so (Twisted's
 * {@code task.Clock}).
 *
 * <p>Time starts at 0 and moves with {@link #advance}; calls that become due run then, in order of
 * their time and, at equal times, of scheduling. A call scheduled by a running call for a time
 * already reached runs in the same {@code advance}.
 *
 * <pre>{@code
 * Clock clock = new Clock();
 * Deferred<String> d = Deferred.<String>succeed("late").flatMap(v -> deferLater(clock, ofSeconds(5), () -> v));
 * clock.advance(Duration.ofSeconds(5));
 * assertThat(successResultOf(d)).isEqualTo("late");
 * }</pre>
 *
 * <p>Threading: not thread-safe; drive it from the test's thread. An exception thrown by a call
 * propagates out of {@link #advance}, so tests see it.
 */
public final class Clock implements ReactorTime {
  private final PriorityQueue<Call> calls = new PriorityQueue<>();
  private long nanos;
  private long sequence;

  /** Returns the current time in seconds since the clock was made. */
  @Override
  public double seconds() {
    return nanos / 1e9;
  }

  /** Returns the current time as a duration since the clock was made. */
  public Duration now() {
    return Duration.ofNanos(nanos);
  }

  @Override
  public DelayedCall callLater(Duration delay, Runnable call) {
    Objects.requireNonNull(call, "call");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    Call scheduled = new Call(nanos + delay.toNanos(), call);
    calls.add(scheduled);
    return scheduled;
  }

  /**
   * Moves time forward by {@code amount} and runs every call due by then; while they run, the
   * clock reads the new time, as Twisted's clock does.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("cannot move time backwards: " + amount);
    }
    nanos += amount.toNanos();
    runDue();
  }

  /** Advances time by each of {@code steps} in turn, running what is due after each. */
  public void pump(List<Duration> steps) {
    for (Duration step : steps) {
      advance(step);
    }
  }

  /** Returns the calls that are still pending, soonest first. */
  public List<DelayedCall> pendingCalls() {
    List<Call> pending = new ArrayList<>(calls);
    pending.sort(null);
    return List.copyOf(pending);
  }

  private void runDue() {
    Call next;
    while ((next = calls.peek()) != null && next.at <= nanos) {
      calls.poll();
      next.state = State.CALLED;
      next.call.run();
    }
  }

  private enum State { PENDING, CALLED, CANCELLED }

  private final class Call implements DelayedCall, Comparable<Call> {
    private final Runnable call;
    private long at;
    private long order = sequence++;
    private State state = State.PENDING;

    Call(long at, Runnable call) {
      this.at = at;
      this.call = call;
    }

    @Override
    public double time() {
      return at / 1e9;
    }

    @Override
    public boolean active() {
      return state == State.PENDING;
    }

    @Override
    public void cancel() {
      requireActive("cancel");
      state = State.CANCELLED;
      calls.remove(this);
    }

    @Override
    public void reset(Duration fromNow) {
      if (fromNow.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + fromNow);
      }
      moveTo(nanos + fromNow.toNanos());
    }

    @Override
    public void delay(Duration by) {
      moveTo(at + by.toNanos());
    }

    private void moveTo(long newTime) {
      requireActive("move");
      calls.remove(this);
      at = newTime;
      order = sequence++;
      calls.add(this);
    }

    private void requireActive(String what) {
      if (state != State.PENDING) {
        throw new IllegalStateException("cannot " + what + " a call that was " + state.name().toLowerCase());
      }
    }

    @Override
    public int compareTo(Call other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }

    @Override
    public String toString() {
      return "DelayedCall[at " + time() + "s, " + state.name().toLowerCase() + ", " + call + "]";
    }
  }
}
