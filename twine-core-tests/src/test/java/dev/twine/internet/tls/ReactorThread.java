package dev.twine.internet.tls;

import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.nio.NioReactor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link NioReactor} running on its own thread, so a test can drive it and real peers at once.
 * Every wait is bounded.
 */
final class ReactorThread implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final NioReactor reactor = new NioReactor();
  private final Thread thread = Thread.ofPlatform().name("test-reactor").start(reactor::run);

  /** Runs {@code work} on the reactor thread and waits for the outcome of the Deferred it returns. */
  <T> Outcome<T> outcome(Supplier<? extends Deferred<T>> work) {
    CompletableFuture<Outcome<T>> done = new CompletableFuture<>();
    reactor.callFromThread(() -> {
      try {
        work.get().transform(outcome -> done.complete(outcome));
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
    try {
      return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the reactor did not answer within " + WAIT, e);
    }
  }

  /** Runs {@code work} on the reactor thread and returns the value of its Deferred, or throws its failure. */
  <T> T await(Supplier<? extends Deferred<T>> work) {
    Outcome<T> outcome = outcome(work);
    return switch (outcome) {
      case Outcome.Success<T> success -> success.value();
      case Outcome.Failed<T> failed -> throw new AssertionError("expected success, got " + failed.failure(),
          failed.failure().exception());
    };
  }

  /** Runs {@code action} on the reactor thread and returns its value. */
  <T> T call(Supplier<T> action) {
    return await(() -> Deferred.succeed(action.get()));
  }

  @Override
  public void close() throws InterruptedException {
    // Also when the thread has not started the reactor yet: the stop waits for it to run.
    reactor.callFromThread(() -> reactor.callWhenRunning(reactor::stop));
    thread.join(WAIT.toMillis());
    if (thread.isAlive()) {
      throw new AssertionError("the reactor did not stop within " + WAIT);
    }
  }
}
