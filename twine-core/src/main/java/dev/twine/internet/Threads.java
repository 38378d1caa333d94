package dev.twine.internet;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Moving work between a reactor and other threads (Twisted's {@code twisted.internet.threads}).
 *
 * <pre>{@code
 * Deferred<Row> row = Threads.deferToThread(reactor, () -> jdbc.query(sql));   // blocking, elsewhere
 * row.map(r -> render(r));                                                   // back on the reactor
 * }</pre>
 */
public final class Threads {
  private Threads() {}

  /**
   * Runs blocking {@code work} with {@link ReactorThreads#callInThread} and returns a Deferred
   * that fires on the reactor's thread with its value or exception. Call it on the reactor thread.
   */
  public static <T extends @Nullable Object> Deferred<T> deferToThread(
      ReactorThreads reactor, Callable<? extends T> work) {
    Objects.requireNonNull(work, "work");
    Deferred<T> result = new Deferred<>();
    reactor.callInThread(() -> {
      Outcome<T> outcome;
      try {
        outcome = Outcome.success(work.call());
      } catch (Throwable e) {
        outcome = Outcome.failed(Failure.of(e));
      }
      Outcome<T> done = outcome;
      reactor.callFromThread(() -> {
        switch (done) {
          case Outcome.Success<T> success -> result.callback(success.value());
          case Outcome.Failed<T> failed -> result.errback(failed.failure());
        }
      });
    });
    return result;
  }

  /**
   * From a thread that is not the reactor's, runs {@code work} on the reactor's thread, waits for
   * the Deferred it returns, and returns its value or throws its exception (checked ones wrapped
   * in {@link ExecutionException}). Blocks the calling thread; never call it on the reactor thread.
   *
   * @throws IllegalStateException if called on the reactor's thread, where it would deadlock
   */
  public static <T extends @Nullable Object> T blockingCallFromThread(
      ReactorThreads reactor, Callable<? extends Deferred<? extends T>> work)
      throws ExecutionException, InterruptedException {
    if (reactor.inReactorThread()) {
      throw new IllegalStateException("blockingCallFromThread on the reactor thread would deadlock");
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    reactor.callFromThread(() -> Deferred.<T>maybeDeferredWith(() -> {
          @SuppressWarnings("unchecked")
          Deferred<T> started = (Deferred<T>) work.call();
          return started;
        })
        .transform(outcome -> switch (outcome) {
          case Outcome.Success<T> success -> future.complete(success.value());
          case Outcome.Failed<T> failed -> future.completeExceptionally(failed.failure().exception());
        }));
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
