package dev.twine.internet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs many long jobs on one reactor thread by taking turns (Twisted's {@code task.Cooperator}).
 *
 * <p>A job is an iterator; each element it produces is one small unit of work (see
 * {@link CooperativeTask}). On each of its turns, the cooperator takes one step of each running
 * task in round-robin order, going round as often as fits, until its time slice (measured on the
 * clock) is used up or it has taken its maximum number of steps; then it yields to the reactor and
 * schedules its next turn {@link #TURN_DELAY} later. The round-robin order carries over from one
 * turn to the next, so every task gets its share. A task whose iterator yields a
 * {@link dev.twine.defer.Deferred} sits out until the Deferred fires, without holding up others.
 *
 * <pre>{@code
 * Cooperator cooperator = new Cooperator(reactor);
 * Iterator<Integer> sends = IntStream.range(0, chunks.size())
 *     .mapToObj(i -> { transport.write(chunks.get(i)); return i; })
 *     .iterator();                                       // each step writes one chunk
 * cooperator.cooperate(sends).whenDone().onSuccess(done -> transport.loseConnection());
 * }</pre>
 *
 * <p>From Twisted: there is no global cooperator, since there is no global reactor; make one per
 * clock (usually per reactor) and share it. Twisted's {@code coiterate(it)} is
 * {@code cooperate(it).whenDone()}. The maximum number of steps per turn has no equivalent in
 * Twisted; it also lets a test {@code Clock}, whose time stands still within a turn, see turns
 * end.
 *
 * <p>Threading: not thread-safe; use it on its clock's thread. Steps run there.
 */
public final class Cooperator {
  /** How long a turn runs steps, on the clock, when no other slice is given: 10 ms. */
  public static final Duration DEFAULT_TIME_SLICE = Duration.ofMillis(10);

  /** How many steps a turn takes at most when no other limit is given. */
  public static final int DEFAULT_MAX_STEPS_PER_TURN = 1000;

  /**
   * The delay after which the next turn runs. It is not zero, so that neither a reactor nor a
   * test clock runs the next turn in the same pass as this one: other calls and I/O come first.
   */
  public static final Duration TURN_DELAY = Duration.ofNanos(10);

  private final ReactorTime clock;
  private final double timeSliceSeconds;
  private final int maxStepsPerTurn;
  /** The tasks that take steps, in round-robin order. */
  private final List<CooperativeTask> runnable = new ArrayList<>();
  /** Every task that has not ended, runnable or not. */
  private final Set<CooperativeTask> live = new LinkedHashSet<>();
  /** Where in {@link #runnable} the next step is taken. */
  private int cursor;
  private @Nullable DelayedCall nextTurn;
  private boolean stopped;

  /**
   * Creates a cooperator on {@code clock} whose turns last {@link #DEFAULT_TIME_SLICE} and take
   * at most {@link #DEFAULT_MAX_STEPS_PER_TURN} steps.
   */
  public Cooperator(ReactorTime clock) {
    this(clock, DEFAULT_TIME_SLICE, DEFAULT_MAX_STEPS_PER_TURN);
  }

  /**
   * Creates a cooperator on {@code clock} whose turns end once {@code timeSlice} has passed on the
   * clock or {@code maxStepsPerTurn} steps were taken, whichever comes first. A turn always takes
   * at least one step.
   *
   * @throws IllegalArgumentException if {@code timeSlice} is negative or {@code maxStepsPerTurn}
   *     is less than 1
   */
  public Cooperator(ReactorTime clock, Duration timeSlice, int maxStepsPerTurn) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (timeSlice.isNegative()) {
      throw new IllegalArgumentException("timeSlice must not be negative: " + timeSlice);
    }
    if (maxStepsPerTurn < 1) {
      throw new IllegalArgumentException("maxStepsPerTurn must be at least 1: " + maxStepsPerTurn);
    }
    this.timeSliceSeconds = timeSlice.toNanos() / 1e9;
    this.maxStepsPerTurn = maxStepsPerTurn;
  }

  /**
   * Adds {@code iterator} as a new task, which takes its first step on the next turn, and returns
   * it. On a stopped cooperator the task is returned already {@linkplain
   * CooperativeTask.State#STOPPED stopped}: its {@link CooperativeTask#whenDone()} fails with
   * {@link TaskStoppedException}, as Twisted's does with {@code SchedulerStopped}.
   */
  public CooperativeTask cooperate(Iterator<?> iterator) {
    CooperativeTask task = new CooperativeTask(Objects.requireNonNull(iterator, "iterator"), this);
    if (stopped) {
      task.cooperatorStopped();
    } else {
      live.add(task);
      task.begin();
    }
    return task;
  }

  /**
   * Stops this cooperator for good: every task that has not ended, paused or waiting ones
   * included, is stopped (its {@link CooperativeTask#whenDone()} fails with
   * {@link TaskStoppedException}), no turn is scheduled any more, and later tasks are stopped at
   * once. Idempotent.
   */
  public void stop() {
    stopped = true;
    cancelNextTurn();
    for (CooperativeTask task : List.copyOf(live)) {
      task.cooperatorStopped();
    }
  }

  /** Returns whether this cooperator runs tasks, that is, has not been stopped. */
  public boolean running() {
    return !stopped;
  }

  @Override
  public String toString() {
    return "Cooperator[" + (stopped ? "stopped" : runnable.size() + " runnable of " + live.size() + " tasks") + "]";
  }

  /** Puts {@code task} at the end of the round-robin order, and makes sure a turn is coming. */
  void add(CooperativeTask task) {
    runnable.add(task);
    scheduleTurn();
  }

  /** Takes {@code task} out of the round-robin order; with no runnable task left, no turn comes. */
  void remove(CooperativeTask task) {
    int index = runnable.indexOf(task);
    runnable.remove(index);
    if (index < cursor) {
      cursor--;
    }
    if (runnable.isEmpty()) {
      cancelNextTurn();
    }
  }

  /** Forgets {@code task}, which has ended. */
  void ended(CooperativeTask task) {
    live.remove(task);
  }

  private void turn() {
    nextTurn = null;
    double end = clock.seconds() + timeSliceSeconds;
    int steps = 0;
    while (!runnable.isEmpty() && steps < maxStepsPerTurn) {
      if (cursor >= runnable.size()) {
        cursor = 0;
      }
      runnable.get(cursor++).step();
      steps++;
      if (clock.seconds() >= end) {
        break;
      }
    }
    scheduleTurn();
  }

  private void scheduleTurn() {
    if (nextTurn == null && !stopped && !runnable.isEmpty()) {
      nextTurn = clock.callLater(TURN_DELAY, this::turn);
    }
  }

  private void cancelNextTurn() {
    DelayedCall pending = nextTurn;
    if (pending != null) {
      pending.cancel();
      nextTurn = null;
    }
  }
}
