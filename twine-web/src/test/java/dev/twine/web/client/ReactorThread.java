package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.internet.nio.NioReactor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link NioReactor} running on a thread of its own for the length of a test: work is handed to
 * it, and its Deferreds are waited for, each wait bounded.
 */
final class ReactorThread implements AutoCloseable {
  /** How long a test waits for anything the reactor does. */
  static final Duration PATIENCE = Duration.ofSeconds(10);

  final NioReactor reactor =
      new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofMillis(500)));
  private final CompletableFuture<Void> exited = new CompletableFuture<>();

  ReactorThread() {
    Thread.ofPlatform().name("http-client-reactor").daemon().start(() -> {
      try {
        reactor.run();
        exited.complete(null);
      } catch (Throwable e) {
        exited.completeExceptionally(e);
      }
    });
  }

  /**
   * Runs {@code work} on the reactor thread and waits for the Deferred it returns; returns its
   * value, or throws its exception (unwrapped when unchecked).
   */
  <T> T await(Callable<Deferred<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    reactor.callFromThread(() -> {
      try {
        work.call().transform(outcome -> {
          switch (outcome) {
            case dev.twine.defer.Outcome.Success<T> success -> result.complete(success.value());
            case dev.twine.defer.Outcome.Failed<T> failed ->
                result.completeExceptionally(failed.failure().exception());
          }
          return null;
        });
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return get(result);
  }

  /** Runs {@code work} on the reactor thread and returns what it returns. */
  <T> T call(Callable<T> work) {
    return await(() -> Deferred.succeed(work.call()));
  }

  private static <T> T get(CompletableFuture<T> future) {
    try {
      return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("nothing happened within " + PATIENCE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (reactor.running()) {
      reactor.stop();
    }
    get(exited);
  }
}
