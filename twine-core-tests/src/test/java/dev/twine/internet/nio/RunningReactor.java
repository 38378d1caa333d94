package dev.twine.internet.nio;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link NioReactor} running on a thread of its own for the length of a test; {@link #close}
 * stops it and waits for {@code run()} to return.
 */
final class RunningReactor implements AutoCloseable {
  /** How long a test waits for anything the reactor does. */
  static final Duration PATIENCE = Duration.ofSeconds(5);

  final NioReactor reactor;
  private final CompletableFuture<Void> exited = new CompletableFuture<>();

  RunningReactor() {
    this(new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofMillis(500))));
  }

  RunningReactor(NioReactor reactor) {
    this.reactor = reactor;
    Thread.ofPlatform().name("reactor-under-test").daemon().start(() -> {
      try {
        reactor.run();
        exited.complete(null);
      } catch (Throwable e) {
        exited.completeExceptionally(e);
      }
    });
  }

  /** Runs {@code work} on the reactor thread and returns its result, or throws what it threw. */
  <T> T call(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    reactor.callFromThread(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return await(result);
  }

  /** Runs {@code work} on the reactor thread and waits for it. */
  void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }

  /** Waits for {@code future}, at most {@link #PATIENCE}, and returns its value or throws its exception. */
  static <T> T await(CompletableFuture<T> future) {
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

  /** Returns a future that completes when {@code run()} has returned. */
  CompletableFuture<Void> exited() {
    return exited;
  }

  @Override
  public void close() {
    if (!exited.isDone()) {
      try {
        reactor.stop();
      } catch (IllegalStateException alreadyStopping) {
        // the test stopped it itself
      }
    }
    await(exited);
  }
}
