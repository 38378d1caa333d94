package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** {@code fromCompletionStage} and {@code toCompletableFuture}. */
class CompletionStageBridgeTest {

  /** Holds the tasks given to it until the test runs them, as a reactor's queue would. */
  private static final class RecordingExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized int pending() {
      return tasks.size();
    }

    void runAll() {
      Runnable task;
      while ((task = poll()) != null) {
        task.run();
      }
    }

    private synchronized Runnable poll() {
      return tasks.poll();
    }
  }

  private final RecordingExecutor executor = new RecordingExecutor();

  @Test
  void aValueArrivesOnlyWhenTheExecutorRunsTheDelivery() {
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> deferred = Deferred.fromCompletionStage(future, executor);

    future.complete("value");
    assertThat(executor.pending()).isEqualTo(1);
    assertThat(deferred.called()).isFalse();

    executor.runAll();
    assertThat(successResultOf(deferred)).isEqualTo("value");
  }

  @Test
  void anAlreadyCompletedStageIsStillDeliveredThroughTheExecutor() {
    Deferred<String> deferred = Deferred.fromCompletionStage(CompletableFuture.completedFuture("done"), executor);

    assertThat(deferred.called()).isFalse();
    executor.runAll();

    assertThat(successResultOf(deferred)).isEqualTo("done");
  }

  @Test
  void aResultFromAnotherThreadFiresTheDeferredOnTheExecutorsThread() throws InterruptedException {
    CompletableFuture<String> future = new CompletableFuture<>();
    List<Thread> firedOn = new ArrayList<>();
    Deferred<String> deferred = Deferred.fromCompletionStage(future, executor);
    deferred.onSuccess(v -> firedOn.add(Thread.currentThread()));

    Thread producer = new Thread(() -> future.complete("from elsewhere"));
    producer.start();
    producer.join();
    assertThat(firedOn).isEmpty();

    executor.runAll();
    assertThat(firedOn).containsExactly(Thread.currentThread());
    assertThat(successResultOf(deferred)).isEqualTo("from elsewhere");
  }

  @Test
  void anExceptionalCompletionFailsWithTheExceptionItself() {
    CompletableFuture<String> future = new CompletableFuture<>();
    IOException error = new IOException("remote failure");
    Deferred<String> deferred = Deferred.fromCompletionStage(future, executor);

    future.completeExceptionally(error);
    executor.runAll();

    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(error);
  }

  @Test
  void aCompletionExceptionFromADependentStageIsUnwrapped() {
    CompletableFuture<String> source = new CompletableFuture<>();
    IOException error = new IOException("upstream");
    Deferred<Integer> deferred = Deferred.fromCompletionStage(source.thenApply(String::length), executor);

    source.completeExceptionally(error);
    executor.runAll();

    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(error);
  }

  @Test
  void aCancelledFutureFailsWithCancelled() {
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> deferred = Deferred.fromCompletionStage(future, executor);

    future.cancel(false);
    executor.runAll();

    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void aStageDependingOnACancelledFutureFailsWithCancelled() {
    CompletableFuture<String> source = new CompletableFuture<>();
    Deferred<Integer> deferred = Deferred.fromCompletionStage(source.thenApply(String::length), executor);

    source.cancel(false);
    executor.runAll();

    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void cancellingTheDeferredCancelsTheFutureAndALateDeliveryIsIgnored() {
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> deferred = Deferred.fromCompletionStage(future, executor);

    deferred.cancel();

    assertThat(future.isCancelled()).isTrue();
    failureResultOf(deferred, CancelledException.class);
    assertThat(executor.pending()).isEqualTo(1);
    executor.runAll();
  }

  @Test
  void toCompletableFutureCompletesWithTheValueAndTheChainGoesOnWithNull() {
    Deferred<String> deferred = new Deferred<>();
    CompletableFuture<String> future = deferred.toCompletableFuture();
    assertThat(future).isNotDone();

    deferred.callback("value");

    assertThat(future).isCompletedWithValue("value");
    assertThat(successResultOf(deferred)).isNull();
  }

  @Test
  void toCompletableFutureCompletesExceptionallyWithTheExceptionWhichCountsAsHandled() {
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      IOException error = new IOException("failed");
      Deferred<String> deferred = new Deferred<>();
      CompletableFuture<String> future = deferred.toCompletableFuture();

      deferred.errback(error);

      assertThat(future.exceptionNow()).isSameAs(error);
      assertThat(recording.unhandled()).isEmpty();
      assertThat(successResultOf(deferred)).isNull();
    }
  }

  @Test
  void aCancelledDeferredCompletesTheFutureAsCancelled() {
    Deferred<String> deferred = new Deferred<>();
    CompletableFuture<String> future = deferred.toCompletableFuture();

    deferred.cancel();

    assertThat(future.isCancelled()).isTrue();
    assertThat(future.handle((value, error) -> error).join()).isInstanceOf(CancelledException.class);
  }

  @Test
  void cancellingTheFutureDoesNotCancelTheDeferred() {
    Deferred<String> deferred = new Deferred<>(d -> {
      throw new AssertionError("must not be cancelled");
    });
    CompletableFuture<String> future = deferred.toCompletableFuture();

    future.cancel(false);

    assertNoResult(deferred);
    deferred.callback("still fires");
    assertThat(future.isCancelled()).isTrue();
  }

  @Test
  void aRoundTripKeepsTheValue() {
    Deferred<String> original = new Deferred<>();
    Deferred<String> roundTrip = Deferred.fromCompletionStage(original.toCompletableFuture(), Runnable::run);

    original.callback("there and back");

    assertThat(successResultOf(roundTrip)).isEqualTo("there and back");
  }
}
