package dev.twine.benchmarks.load;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What a load run has seen: the responses completed, the latencies of those completed while
 * measuring, and the first failure. Clients record from their event-loop thread; the main thread
 * starts and stops measuring and reads the result.
 *
 * <p>Latencies are kept exactly, per microsecond, up to one second; slower ones count as one
 * second.
 */
final class LoadStats {
  private static final int MAX_MICROS = 1_000_000;

  private final @Nullable String expectedBody;
  private final int[] histogram = new int[MAX_MICROS + 1];
  private volatile boolean running = true;
  private boolean measuring;
  private long completed;
  private long measured;
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
      measured++;
      long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
      histogram[(int) Math.min(micros, MAX_MICROS)]++;
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

  /** Stops measuring and returns what was measured. */
  synchronized Result stopMeasuring() {
    measuring = false;
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    return new Result(measured, measured / seconds, percentile(0.50), percentile(0.99));
  }

  private long percentile(double fraction) {
    long rank = (long) Math.ceil(measured * fraction);
    long seen = 0;
    for (int micros = 0; micros <= MAX_MICROS; micros++) {
      seen += histogram[micros];
      if (seen >= rank && seen > 0) {
        return micros;
      }
    }
    return 0;
  }

  /** The responses measured, their rate per second and latency percentiles in microseconds. */
  record Result(long requests, double perSecond, long p50Micros, long p99Micros) {}
}
