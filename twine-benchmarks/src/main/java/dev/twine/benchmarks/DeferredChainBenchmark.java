package dev.twine.benchmarks;

import dev.twine.defer.Callback;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures one 10-step chain on a {@link Deferred} against the same chain on a
 * {@link CompletableFuture}, in four scenarios, each a pair of methods named
 * {@code <scenario>Deferred} and {@code <scenario>Future} so that JMH lists them side by side:
 *
 * <ul>
 *   <li>{@code pending}: the steps are added before the result arrives, then it is fired;
 *   <li>{@code fired}: the result is already there and each step runs as it is added;
 *   <li>{@code recovered}: the chain is fired with a failure that steps 1 to 4 pass by, step 5
 *       recovers from, and steps 6 to 10 map on;
 *   <li>{@code failed}: the same chain added to a result that has already failed.
 * </ul>
 *
 * <p>Both sides do the same work: the same number of steps, each a shared, non-capturing
 * function, and a last step that hands the result to a {@link Blackhole} so that nothing is
 * eliminated as dead code. Values stay within the {@link Integer} cache, so the allocations
 * measured are the chains' own. The failure is one preallocated exception without a stack trace,
 * a {@link CompletionException} so that {@code CompletableFuture} passes it on as it is instead
 * of wrapping it in a new one (whose stack trace would cost more than the whole chain).
 *
 * <p>The class is not {@code final} because JMH generates subclasses of its benchmark states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DeferredChainBenchmark {
  private static final int STEPS = 10;
  private static final int RECOVERED_AT = 5;

  private static final Callback<Integer, Integer> NEXT = x -> x + 1;
  private static final Function<Integer, Integer> NEXT_STAGE = x -> x + 1;
  private static final Callback<Failure, Integer> RECOVER = failure -> 0;
  private static final Function<Throwable, Integer> RECOVER_STAGE = exception -> 0;
  private static final CompletionException FAILURE = new StacklessException();

  /** The value each chain starts from; a field, so that the compiler cannot fold the chain. */
  private int seed;

  /** Steps added to a pending Deferred, then fired. */
  @Benchmark
  public void pendingDeferred(Blackhole blackhole) {
    Deferred<Integer> deferred = new Deferred<>();
    Deferred<Integer> chain = deferred;
    for (int i = 0; i < STEPS; i++) {
      chain = chain.map(NEXT);
    }
    chain.onSuccess(blackhole::consume);
    deferred.callback(seed);
  }

  /** The same steps added to a pending CompletableFuture, then completed. */
  @Benchmark
  public void pendingFuture(Blackhole blackhole) {
    CompletableFuture<Integer> future = new CompletableFuture<>();
    CompletableFuture<Integer> chain = future;
    for (int i = 0; i < STEPS; i++) {
      chain = chain.thenApply(NEXT_STAGE);
    }
    chain.thenAccept(blackhole::consume);
    future.complete(seed);
  }

  /** Steps added to a Deferred that has already succeeded: each runs as it is added. */
  @Benchmark
  public void firedDeferred(Blackhole blackhole) {
    Deferred<Integer> chain = Deferred.succeed(seed);
    for (int i = 0; i < STEPS; i++) {
      chain = chain.map(NEXT);
    }
    chain.onSuccess(blackhole::consume);
  }

  /** The same steps added to a completed CompletableFuture. */
  @Benchmark
  public void firedFuture(Blackhole blackhole) {
    CompletableFuture<Integer> chain = CompletableFuture.completedFuture(seed);
    for (int i = 0; i < STEPS; i++) {
      chain = chain.thenApply(NEXT_STAGE);
    }
    chain.thenAccept(blackhole::consume);
  }

  /** A pending Deferred fired with a failure that step 5 recovers from. */
  @Benchmark
  public void recoveredDeferred(Blackhole blackhole) {
    Deferred<Integer> deferred = new Deferred<>();
    Deferred<Integer> chain = deferred;
    for (int i = 1; i <= STEPS; i++) {
      chain = i == RECOVERED_AT ? chain.recover(RECOVER) : chain.map(NEXT);
    }
    chain.onSuccess(blackhole::consume);
    deferred.errback(FAILURE);
  }

  /** The same chain on a CompletableFuture, recovering with {@code exceptionally}. */
  @Benchmark
  public void recoveredFuture(Blackhole blackhole) {
    CompletableFuture<Integer> future = new CompletableFuture<>();
    CompletableFuture<Integer> chain = future;
    for (int i = 1; i <= STEPS; i++) {
      chain = i == RECOVERED_AT ? chain.exceptionally(RECOVER_STAGE) : chain.thenApply(NEXT_STAGE);
    }
    chain.thenAccept(blackhole::consume);
    future.completeExceptionally(FAILURE);
  }

  /** The recovering chain added to a Deferred that has already failed. */
  @Benchmark
  public void failedDeferred(Blackhole blackhole) {
    Deferred<Integer> chain = Deferred.fail(FAILURE);
    for (int i = 1; i <= STEPS; i++) {
      chain = i == RECOVERED_AT ? chain.recover(RECOVER) : chain.map(NEXT);
    }
    chain.onSuccess(blackhole::consume);
  }

  /** The same chain added to a CompletableFuture that has already failed. */
  @Benchmark
  public void failedFuture(Blackhole blackhole) {
    CompletableFuture<Integer> chain = CompletableFuture.failedFuture(FAILURE);
    for (int i = 1; i <= STEPS; i++) {
      chain = i == RECOVERED_AT ? chain.exceptionally(RECOVER_STAGE) : chain.thenApply(NEXT_STAGE);
    }
    chain.thenAccept(blackhole::consume);
  }

  /** The failure both chains carry: shared, and without the cost of a stack trace. */
  private static final class StacklessException extends CompletionException {
    private static final long serialVersionUID = 1L;

    StacklessException() {
      super("benchmark failure", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
