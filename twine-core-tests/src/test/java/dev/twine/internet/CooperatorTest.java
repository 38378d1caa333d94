package dev.twine.internet;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.defer.UnhandledFailures;
import dev.twine.internet.CooperativeTask.State;
import dev.twine.testing.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CooperatorTest {
  private final Clock clock = new Clock();
  /** Every step taken, as task name and step number: "a1", "b1", "a2"... */
  private final List<String> steps = new ArrayList<>();

  /** Runs one turn of the cooperator. */
  private void turn() {
    clock.advance(Cooperator.TURN_DELAY);
  }

  /**
   * Returns an iterator that records each step and yields {@code elements} in order; an element
   * that is a RuntimeException is thrown instead.
   */
  private Iterator<Object> script(String name, Object... elements) {
    return new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < elements.length;
      }

      @Override
      public Object next() {
        Object element = elements[taken++];
        steps.add(name + taken);
        if (element instanceof RuntimeException e) {
          throw e;
        }
        return element;
      }
    };
  }

  /** Returns an iterator of {@code count} plain steps. */
  private Iterator<Object> steps(String name, int count) {
    Object[] elements = new Object[count];
    Arrays.fill(elements, "step");
    return script(name, elements);
  }

  @Test
  void aTaskTakesItsFirstStepOnTheNextTurnNotAtOnce() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask task = cooperator.cooperate(steps("a", 2));

    assertThat(steps).isEmpty();
    assertThat(task.state()).isEqualTo(State.RUNNING);
    assertThat(clock.pendingCalls()).singleElement()
        .satisfies(call -> assertThat(call.time()).isEqualTo(Cooperator.TURN_DELAY.toNanos() / 1e9));

    turn();
    assertThat(steps).containsExactly("a1", "a2");
  }

  @Test
  void tasksTakeStepsInRoundRobinOrderAndEachFinishesWithItsIterator() {
    Cooperator cooperator = new Cooperator(clock);
    List<Iterator<Object>> iterators = List.of(steps("a", 3), steps("b", 3), steps("c", 1), steps("d", 2));
    List<CompletableFuture<Iterator<?>>> done = new ArrayList<>();
    for (Iterator<Object> iterator : iterators) {
      done.add(cooperator.cooperate(iterator).whenDone().toCompletableFuture());
    }

    turn();

    assertThat(steps).containsExactly("a1", "b1", "c1", "d1", "a2", "b2", "d2", "a3", "b3");
    for (int i = 0; i < iterators.size(); i++) {
      assertThat(done.get(i)).isCompletedWithValue(iterators.get(i));
    }
    assertThat(clock.pendingCalls()).as("no turn is scheduled without tasks").isEmpty();
  }

  @Test
  void aTurnEndsAfterTheMaximumNumberOfStepsAndTheOrderCarriesOver() {
    Cooperator cooperator = new Cooperator(clock, Cooperator.DEFAULT_TIME_SLICE, 3);
    cooperator.cooperate(steps("a", 100));
    cooperator.cooperate(steps("b", 100));

    turn();
    assertThat(steps).containsExactly("a1", "b1", "a2");
    assertThat(clock.pendingCalls()).hasSize(1);

    turn();
    assertThat(steps).containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
  }

  @Test
  void aTurnEndsWhenItsTimeSliceIsUsedUp() {
    Cooperator cooperator = new Cooperator(clock, ofMillis(10), 1000);
    Iterator<Object> slow = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Object next() {
        steps.add("slow@" + clock.now().toNanos() / 1_000_000);
        clock.advance(ofMillis(4)); // each step takes 4 ms
        return "step";
      }
    };
    cooperator.cooperate(slow);

    turn();
    assertThat(steps).containsExactly("slow@0", "slow@4", "slow@8");

    turn();
    assertThat(steps).hasSize(6);
  }

  @Test
  void aZeroTimeSliceTakesOneStepPerTurn() {
    Cooperator cooperator = new Cooperator(clock, ZERO, 1000);
    cooperator.cooperate(steps("a", 5));

    turn();
    assertThat(steps).containsExactly("a1");
    turn();
    assertThat(steps).containsExactly("a1", "a2");
  }

  @Test
  void aYieldedDeferredPausesItsTaskButNotTheOthers() {
    Cooperator cooperator = new Cooperator(clock, Cooperator.DEFAULT_TIME_SLICE, 4);
    Deferred<String> reply = new Deferred<>();
    CooperativeTask waiter = cooperator.cooperate(script("a", reply, "after"));
    cooperator.cooperate(steps("b", 6));

    turn();
    assertThat(steps).containsExactly("a1", "b1", "b2", "b3");
    assertThat(waiter.state()).isEqualTo(State.WAITING);

    turn();
    assertThat(steps).containsExactly("a1", "b1", "b2", "b3", "b4", "b5", "b6");

    reply.callback("value");
    assertThat(waiter.state()).isEqualTo(State.RUNNING);
    assertThat(steps).as("resuming takes no step by itself").hasSize(7);
    turn();
    assertThat(steps).containsExactly("a1", "b1", "b2", "b3", "b4", "b5", "b6", "a2");
  }

  @Test
  void aDeferredThatAlreadyFiredDoesNotHoldTheTaskUp() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask task = cooperator.cooperate(script("a", Deferred.succeed("ready"), "next"));

    turn();

    assertThat(steps).containsExactly("a1", "a2");
    assertThat(task.state()).isEqualTo(State.DONE);
  }

  @Test
  void aYieldedDeferredThatFailsFailsTheTask() {
    Cooperator cooperator = new Cooperator(clock);
    Deferred<String> reply = new Deferred<>();
    CooperativeTask task = cooperator.cooperate(script("a", reply, "never"));
    CompletableFuture<Iterator<?>> done = task.whenDone().toCompletableFuture();
    turn();

    reply.errback(new IllegalStateException("refused"));
    turn();

    assertThat(done.exceptionNow()).isInstanceOf(IllegalStateException.class).hasMessage("refused");
    assertThat(task.state()).isEqualTo(State.FAILED);
    assertThat(steps).containsExactly("a1");
  }

  @Test
  void aYieldedDeferredThatAlreadyFailedFailsTheTaskInTheSameTurn() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask task = cooperator.cooperate(script("a", Deferred.fail(new IllegalStateException("early")), "never"));
    CompletableFuture<Iterator<?>> done = task.whenDone().toCompletableFuture();

    turn();

    assertThat(done.exceptionNow()).hasMessage("early");
    assertThat(steps).containsExactly("a1");
  }

  @Test
  void anExceptionFromTheIteratorFailsItsTaskAndOthersGoOn() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask failing = cooperator.cooperate(script("a", "ok", new IllegalArgumentException("bad row")));
    CompletableFuture<Iterator<?>> failed = failing.whenDone().toCompletableFuture();
    CompletableFuture<Iterator<?>> other = cooperator.cooperate(steps("b", 3)).whenDone().toCompletableFuture();

    turn();

    assertThat(failed.exceptionNow()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row");
    assertThat(failing.state()).isEqualTo(State.FAILED);
    assertThat(steps).containsExactly("a1", "b1", "a2", "b2", "b3");
    assertThat(other).isCompleted();
  }

  @Test
  void eachWhenDoneCallerGetsItsOwnDeferred() {
    Cooperator cooperator = new Cooperator(clock);
    Iterator<Object> iterator = steps("a", 1);
    CooperativeTask task = cooperator.cooperate(iterator);
    List<Object> first = new ArrayList<>();
    List<Object> second = new ArrayList<>();
    task.whenDone().map(it -> {
      first.add(it);
      return 1;
    }).onSuccess(first::add);
    task.whenDone().map(it -> {
      second.add(it);
      return 2;
    }).onSuccess(second::add);

    turn();

    assertThat(first).containsExactly(iterator, 1);
    assertThat(second).containsExactly(iterator, 2);
    assertThat(task.whenDone().toCompletableFuture()).as("after the end, already fired").isCompletedWithValue(iterator);
  }

  @Test
  void aPausedTaskTakesNoStepsUntilResumed() {
    Cooperator cooperator = new Cooperator(clock, Cooperator.DEFAULT_TIME_SLICE, 1);
    CooperativeTask task = cooperator.cooperate(steps("a", 10));
    turn();
    assertThat(steps).containsExactly("a1");

    task.pause();
    assertThat(task.state()).isEqualTo(State.PAUSED);
    assertThat(clock.pendingCalls()).as("no turn while nothing can run").isEmpty();
    turn();
    assertThat(steps).containsExactly("a1");

    task.resume();
    assertThat(steps).containsExactly("a1");
    turn();
    assertThat(steps).containsExactly("a1", "a2");
  }

  @Test
  void pausesNestAndResumeWithoutPauseFails() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask task = cooperator.cooperate(steps("a", 1));
    assertThatThrownBy(task::resume).isInstanceOf(IllegalStateException.class).hasMessageContaining("not paused");

    task.pause();
    task.pause();
    task.resume();
    turn();
    assertThat(steps).isEmpty();

    task.resume();
    turn();
    assertThat(steps).containsExactly("a1");
    assertThatThrownBy(task::resume).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTaskPausedWhileWaitingNeedsBothTheDeferredAndResume() {
    Cooperator cooperator = new Cooperator(clock);
    Deferred<String> reply = new Deferred<>();
    CooperativeTask task = cooperator.cooperate(script("a", reply, "after"));
    turn();

    task.pause();
    task.resume();
    turn();
    assertThat(steps).containsExactly("a1");

    task.pause();
    reply.callback("stuff");
    turn();
    assertThat(steps).containsExactly("a1");
    assertThat(task.state()).isEqualTo(State.PAUSED);

    task.resume();
    turn();
    assertThat(steps).containsExactly("a1", "a2");
  }

  @Test
  void stoppingATaskFailsWhenDoneAndEndsItsSteps() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask task = cooperator.cooperate(steps("a", 10));
    CompletableFuture<Iterator<?>> done = task.whenDone().toCompletableFuture();

    task.stop();
    turn();

    assertThat(done.exceptionNow()).isInstanceOf(TaskStoppedException.class).hasMessage("the task was stopped");
    assertThat(steps).isEmpty();
    assertThat(task.state()).isEqualTo(State.STOPPED);
    assertThatThrownBy(task::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
    assertThatThrownBy(task::pause).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
  }

  @Test
  void resumingAPausedTaskThatWasStoppedDoesNoWork() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask task = cooperator.cooperate(steps("a", 10));

    task.pause();
    task.stop();
    task.resume();
    turn();

    assertThat(steps).isEmpty();
    assertThat(task.state()).isEqualTo(State.STOPPED);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void aTaskStoppedWhileWaitingIgnoresTheDeferredAndLeavesNoUnhandledFailure() {
    Cooperator cooperator = new Cooperator(clock);
    Deferred<String> reply = new Deferred<>();
    CooperativeTask task = cooperator.cooperate(script("a", reply, "never"));
    turn();

    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      task.stop();
      reply.errback(new IllegalStateException("too late"));
      turn();

      assertThat(recording.unhandled()).isEmpty();
    }
    assertThat(steps).containsExactly("a1");
    assertThat(task.state()).isEqualTo(State.STOPPED);
  }

  @Test
  void aTaskThatEndedCannotBeStoppedOrPaused() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask finished = cooperator.cooperate(steps("a", 1));
    CooperativeTask failed = cooperator.cooperate(script("b", new IllegalStateException("boom")));
    failed.whenDone().recover(failure -> null);
    turn();

    assertThatThrownBy(finished::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("done");
    assertThatThrownBy(failed::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
    assertThatThrownBy(finished::pause).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void stoppingTheLastRunnableTaskCancelsTheNextTurn() {
    Cooperator cooperator = new Cooperator(clock);
    CooperativeTask first = cooperator.cooperate(steps("a", 2));
    CooperativeTask second = cooperator.cooperate(steps("b", 2));
    assertThat(clock.pendingCalls()).hasSize(1);

    first.stop();
    assertThat(clock.pendingCalls()).hasSize(1);
    second.stop();
    assertThat(clock.pendingCalls()).isEmpty();

    cooperator.cooperate(steps("c", 2));
    assertThat(clock.pendingCalls()).hasSize(1);
  }

  @Test
  void stoppingTheCooperatorStopsEveryTaskIncludingPausedAndWaitingOnes() {
    Cooperator cooperator = new Cooperator(clock, Cooperator.DEFAULT_TIME_SLICE, 1);
    CooperativeTask running = cooperator.cooperate(steps("a", 10));
    CooperativeTask paused = cooperator.cooperate(steps("b", 10));
    CooperativeTask waiting = cooperator.cooperate(script("c", new Deferred<String>(), "never"));
    paused.pause();
    turn();
    turn();
    assertThat(waiting.state()).isEqualTo(State.WAITING);
    List<CompletableFuture<Iterator<?>>> done = List.of(
        running.whenDone().toCompletableFuture(),
        paused.whenDone().toCompletableFuture(),
        waiting.whenDone().toCompletableFuture());

    cooperator.stop();
    turn();

    for (CompletableFuture<Iterator<?>> future : done) {
      assertThat(future.exceptionNow()).isInstanceOf(TaskStoppedException.class).hasMessage("the cooperator was stopped");
    }
    assertThat(List.of(running.state(), paused.state(), waiting.state())).containsOnly(State.STOPPED);
    assertThat(steps).containsExactly("a1", "c1");
    assertThat(cooperator.running()).isFalse();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void aStoppedCooperatorStopsNewTasksAtOnce() {
    Cooperator cooperator = new Cooperator(clock);
    cooperator.stop();

    CooperativeTask task = cooperator.cooperate(steps("a", 3));
    turn();

    assertThat(task.state()).isEqualTo(State.STOPPED);
    assertThat(task.whenDone().toCompletableFuture().exceptionNow()).isInstanceOf(TaskStoppedException.class);
    assertThat(steps).isEmpty();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void aWhenDoneStepMayStopTheCooperatorThatRanTheTask() {
    Cooperator cooperator = new Cooperator(clock);
    Iterator<Object> iterator = steps("a", 1);
    CooperativeTask task = cooperator.cooperate(iterator);
    CooperativeTask other = cooperator.cooperate(steps("b", 10));
    List<Object> phases = new ArrayList<>();
    task.whenDone().onSuccess(it -> {
      phases.add(it);
      cooperator.stop();
      phases.add("stopped");
    });

    turn();

    assertThat(phases).containsExactly(iterator, "stopped");
    assertThat(task.state()).isEqualTo(State.DONE);
    assertThat(other.state()).isEqualTo(State.STOPPED);
    assertThat(steps).containsExactly("a1", "b1");
  }

  @Test
  void aTaskAddedByAWhenDoneStepNeedsOnlyOneTurnScheduled() {
    Cooperator cooperator = new Cooperator(clock, Cooperator.DEFAULT_TIME_SLICE, 1);
    cooperator.cooperate(steps("a", 1)).whenDone().onSuccess(it -> cooperator.cooperate(steps("b", 1)));

    turn();
    assertThat(steps).containsExactly("a1");
    turn(); // a ends; its whenDone step adds b
    assertThat(clock.pendingCalls()).hasSize(1);

    turn();
    assertThat(steps).containsExactly("a1", "b1");
    turn();
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void invalidLimitsAreRejected() {
    assertThatThrownBy(() -> new Cooperator(clock, ofMillis(-1), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeSlice");
    assertThatThrownBy(() -> new Cooperator(clock, ofMillis(10), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStepsPerTurn");
  }
}
