package dev.twine.benchmarks.load;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a load run has seen: the responses completed, the latencies of those completed while
 * measuring, and the first failure. Clients record from their event-loop thread; the main thread
 * starts and stops measuring and reads the result.
 *
 * <p>Latencies go into one {@link Latencies} histogram, guarded by this object's lock.
 */
final class LoadStats {
  private final @Nullable String expectedBody;
  private final Latencies latencies = new Latencies();
  private volatile boolean running = true;
  private boolean measuring;
  private long completed;
  private long measureStart;
  private @Nullable String failure;

  /** Creates stats that accept status 200 with {@code expectedBody}, or any body if null. */
  LoadStats(@Nullable String expectedBody) {
    this.expectedBody = expectedBody;
  }

  /** Returns whether clients should go on sending requests. */
  boolean running() {
    return running;
  }

  /** Tells clients to send no more requests. */
  void stopRunning() {
    running = false;
  }

  /**
   * Records a response sent at {@code startNanos} with {@code status} and {@code body}, or a
   * failure if it is not the expected one.
   */
  synchronized void completed(long startNanos, int status, String body) {
    if (status != 200) {
      failed("the server answered " + status + " instead of 200");
      return;
    }
    if (expectedBody != null && !expectedBody.equals(body)) {
      failed("the server answered the body \"" + body + "\" instead of \"" + expectedBody + "\"");
      return;
    }
    completed++;
    if (measuring) {
      latencies.record(System.nanoTime() - startNanos);
    }
  }

  /** Records the first failure; clients stop sending. */
  synchronized void failed(String message) {
    if (failure == null) {
      failure = message;
    }
    running = false;
  }

  /** Returns the first failure, if any. */
  synchronized Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Returns how many good responses have completed so far. */
  synchronized long completed() {
    return completed;
  }

  /** Starts counting responses and their latencies. */
  synchronized void startMeasuring() {
    measuring = true;
    measureStart = System.nanoTime();
  }

  /**
   * Stops measuring and returns what was measured: {@code requests}, {@code value} (requests
   * per second), {@code p50_us} and {@code p99_us}.
   */
  synchronized Result stopMeasuring() {
    measuring = false;
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    return new Result().with("requests", latencies.count())
        .with("value", latencies.count() / seconds)
        .with("p50_us", latencies.percentile(0.50))
        .with("p99_us", latencies.percentile(0.99));
  }
}
