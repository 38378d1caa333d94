package dev.twine.internet.nio;

import dev.twine.internet.DelayedCall;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The reactor's timers: a binary heap ordered by due time and then by scheduling order, with each
 * timer knowing its slot so that cancelling and moving cost O(log n).
 *
 * <p>Threading: confined to the reactor thread.
 */
final class TimerQueue {
  private final LongSupplier nanoTime;
  private Timer[] heap = new Timer[64];
  private int size;
  private long sequence;

  TimerQueue(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  DelayedCall schedule(Duration delay, Runnable call) {
    Objects.requireNonNull(call, "call");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    Timer timer = new Timer(call, nanoTime.getAsLong() + saturatedNanos(delay));
    add(timer);
    return timer;
  }

  /** Returns nanoseconds until the next timer is due (0 if overdue), or -1 if there is none. */
  long nanosUntilNext(long now) {
    return size == 0 ? -1 : Math.max(0, heap[0].at - now);
  }

  int size() {
    return size;
  }

  /** Runs every timer due at {@code now}; timers they schedule for now run too. */
  void runDue(long now, CallRunner runner) {
    while (size > 0 && heap[0].at <= now) {
      Timer timer = removeAt(0);
      timer.state = Timer.CALLED;
      runner.run(timer.call);
    }
  }

  /** Runs a timer's call, guarding the reactor against its exceptions. */
  interface CallRunner {
    void run(Runnable call);
  }

  private static long saturatedNanos(Duration delay) {
    try {
      return delay.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }

  private void add(Timer timer) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    timer.order = sequence++;
    timer.index = size;
    heap[size++] = timer;
    siftUp(timer.index);
  }

  private Timer removeAt(int index) {
    Timer removed = heap[index];
    Timer last = heap[--size];
    heap[size] = null;
    if (index != size) {
      heap[index] = last;
      last.index = index;
      siftDown(index);
      siftUp(last.index);
    }
    removed.index = -1;
    return removed;
  }

  private void siftUp(int index) {
    Timer timer = heap[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (!before(timer, heap[parent])) {
        break;
      }
      place(heap[parent], index);
      index = parent;
    }
    place(timer, index);
  }

  private void siftDown(int index) {
    Timer timer = heap[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], timer)) {
        break;
      }
      place(heap[child], index);
      index = child;
    }
    place(timer, index);
  }

  private void place(Timer timer, int index) {
    heap[index] = timer;
    timer.index = index;
  }

  private static boolean before(Timer a, Timer b) {
    return a.at < b.at || (a.at == b.at && a.order < b.order);
  }

  /** A scheduled call: the {@link DelayedCall} handed to users. */
  private final class Timer implements DelayedCall {
    static final int PENDING = 0;
    static final int CALLED = 1;
    static final int CANCELLED = 2;

    final Runnable call;
    long at;
    long order;
    int index = -1;
    int state = PENDING;

    Timer(Runnable call, long at) {
      this.call = call;
      this.at = at;
    }

    @Override
    public double time() {
      return at / 1e9;
    }

    @Override
    public boolean active() {
      return state == PENDING;
    }

    @Override
    public void cancel() {
      requirePending("cancel");
      state = CANCELLED;
      removeAt(index);
    }

    @Override
    public void reset(Duration fromNow) {
      if (fromNow.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + fromNow);
      }
      moveTo(nanoTime.getAsLong() + saturatedNanos(fromNow));
    }

    @Override
    public void delay(Duration by) {
      moveTo(at + saturatedNanos(by));
    }

    private void moveTo(long newTime) {
      requirePending("move");
      removeAt(index);
      at = newTime;
      add(this);
    }

    private void requirePending(String what) {
      if (state != PENDING) {
        throw new IllegalStateException(
            "cannot " + what + " a call that was " + (state == CALLED ? "called" : "cancelled"));
      }
    }

    @Override
    public String toString() {
      return "DelayedCall[at " + time() + "s, " + call + "]";
    }
  }
}
