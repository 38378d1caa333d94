package dev.twine.internet;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An iterator being run, one element per step, by a {@link Cooperator} (Twisted's
 * {@code CooperativeTask}); made by {@link Cooperator#cooperate}.
 *
 * <p>Each step asks the iterator for its next element; the work is whatever {@code hasNext} and
 * {@code next} do. An element that is a {@link Deferred} pauses the task until it fires: a value
 * lets the task go on (the value is dropped), a failure fails the task. The task ends when the
 * iterator is exhausted ({@link State#DONE}), when {@code hasNext} or {@code next} throws or a
 * yielded Deferred fails ({@link State#FAILED}), or when it is stopped ({@link State#STOPPED}).
 * Its result is delivered only through {@link #whenDone()}.
 *
 * <p>Threading: not thread-safe; use it on its cooperator's clock's thread.
 */
public final class CooperativeTask {

  /** Where a task is in its life. */
  public enum State {
    /** Taking steps whenever the cooperator gives it a turn. */
    RUNNING,
    /** Waiting for a Deferred that its iterator yielded, and not paused. */
    WAITING,
    /** Paused by {@link #pause()} (and maybe waiting for a Deferred too). */
    PAUSED,
    /** Finished: the iterator was exhausted. */
    DONE,
    /** Finished: stopped by {@link #stop()} or {@link Cooperator#stop()}. */
    STOPPED,
    /** Finished: the iterator threw, or a Deferred it yielded failed. */
    FAILED
  }

  private final Iterator<?> iterator;
  private final Cooperator cooperator;
  private final List<Deferred<Iterator<?>>> waiters = new ArrayList<>();
  private int pauses;
  private boolean waiting;
  private boolean scheduled;
  private @Nullable State end;
  private @Nullable Outcome<Iterator<?>> result;

  CooperativeTask(Iterator<?> iterator, Cooperator cooperator) {
    this.iterator = iterator;
    this.cooperator = cooperator;
  }

  /**
   * Returns a new Deferred that fires with the iterator when it has been exhausted, or fails with
   * the exception that {@code hasNext}, {@code next} or a yielded Deferred failed with, or with
   * {@link TaskStoppedException} if the task was stopped. Every call returns a Deferred of its own,
   * so steps added to one do not change what another receives; after the task has ended, it is
   * returned already fired.
   */
  public Deferred<Iterator<?>> whenDone() {
    Outcome<Iterator<?>> outcome = result;
    if (outcome == null) {
      Deferred<Iterator<?>> deferred = new Deferred<>();
      waiters.add(deferred);
      return deferred;
    }
    return switch (outcome) {
      case Outcome.Success<Iterator<?>> success -> Deferred.succeed(success.value());
      case Outcome.Failed<Iterator<?>> failed -> Deferred.fail(failed.failure());
    };
  }

  /**
   * Stops giving this task steps until {@link #resume()} has been called as many times as this.
   * A task waiting for a Deferred stays paused after the Deferred fires.
   *
   * @throws IllegalStateException if the task has ended
   */
  public void pause() {
    requireNotEnded("pause");
    pauses++;
    reschedule();
  }

  /**
   * Undoes one {@link #pause()}; after the last one, the task takes steps again from the
   * cooperator's next turn on (not at once). On a task that ended while paused it only counts.
   *
   * @throws IllegalStateException if the task is not paused
   */
  public void resume() {
    if (pauses == 0) {
      throw new IllegalStateException("cannot resume a task that is not paused: " + this);
    }
    pauses--;
    reschedule();
  }

  /**
   * Ends this task without taking further steps: its {@link #whenDone()} Deferreds fail with
   * {@link TaskStoppedException}. A Deferred it is waiting for is left alone; its result is
   * ignored when it fires.
   *
   * @throws IllegalStateException if the task has already ended
   */
  public void stop() {
    requireNotEnded("stop");
    end(State.STOPPED, Outcome.failed(Failure.of(new TaskStoppedException("the task was stopped"))));
  }

  /** Returns where the task is in its life. */
  public State state() {
    State ended = end;
    if (ended != null) {
      return ended;
    }
    if (pauses > 0) {
      return State.PAUSED;
    }
    return waiting ? State.WAITING : State.RUNNING;
  }

  @Override
  public String toString() {
    return "CooperativeTask[" + state().name().toLowerCase() + ", " + iterator + "]";
  }

  /** Takes one step: asks the iterator for its next element and deals with it. */
  void step() {
    Object element;
    try {
      if (!iterator.hasNext()) {
        end(State.DONE, Outcome.success(iterator));
        return;
      }
      element = iterator.next();
    } catch (Throwable e) {
      end(State.FAILED, Outcome.failed(Failure.of(e)));
      return;
    }
    if (element instanceof Deferred<?> deferred) {
      waitFor(deferred);
    }
  }

  /** Enters the cooperator's turns: called once, when the cooperator has taken the task on. */
  void begin() {
    reschedule();
  }

  /** Ends the task, unless it has ended already, because its cooperator stopped. */
  void cooperatorStopped() {
    if (end != null) {
      return;
    }
    end(State.STOPPED, Outcome.failed(Failure.of(new TaskStoppedException("the cooperator was stopped"))));
  }

  private void waitFor(Deferred<?> deferred) {
    waiting = true;
    // The step consumes the Deferred's result, failures included: the task reports them.
    deferred.transform(outcome -> {
      waited(outcome);
      return null;
    });
    reschedule();
  }

  private void waited(Outcome<?> outcome) {
    waiting = false;
    if (end != null) {
      return; // stopped while waiting
    }
    if (outcome instanceof Outcome.Failed<?> failed) {
      end(State.FAILED, Outcome.failed(failed.failure()));
    } else {
      reschedule();
    }
  }

  /**
   * Ends the task: it leaves the cooperator first, then its Deferreds fire, so that their steps
   * see the task and the cooperator in their final state.
   */
  private void end(State state, Outcome<Iterator<?>> outcome) {
    end = state;
    result = outcome;
    reschedule();
    cooperator.ended(this);
    List<Deferred<Iterator<?>>> toFire = List.copyOf(waiters);
    waiters.clear();
    for (Deferred<Iterator<?>> deferred : toFire) {
      switch (outcome) {
        case Outcome.Success<Iterator<?>> success -> deferred.callback(success.value());
        case Outcome.Failed<Iterator<?>> failed -> deferred.errback(failed.failure());
      }
    }
  }

  /** Puts the task in its cooperator's turns, or takes it out, to match its state. */
  private void reschedule() {
    boolean runnable = end == null && pauses == 0 && !waiting;
    if (runnable != scheduled) {
      scheduled = runnable;
      if (runnable) {
        cooperator.add(this);
      } else {
        cooperator.remove(this);
      }
    }
  }

  private void requireNotEnded(String what) {
    State ended = end;
    if (ended != null) {
      throw new IllegalStateException(
          "cannot " + what + " a task that has ended (" + ended.name().toLowerCase() + "): " + this);
    }
  }
}
