package dev.twine.benchmarks.load;

import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * What the connections of one echo load run tell the main thread: how many are open, how many
 * round trips they made (timed while measuring), and the first way the server misbehaved.
 *
 * <p>Threading: the connections' event loop (one thread) records; the main thread reads the
 * volatile progress and failure at any time, and starts and stops measuring on the event loop.
 */
final class EchoMeter {
  private final CountDownLatch open;
  private volatile @Nullable String failure;
  private volatile boolean stopping;
  private volatile long exchanged;
  private Latencies trips = new Latencies();
  private boolean measuring;
  private long measuringSince;

  /** Creates the meter of {@code connections} connections. */
  EchoMeter(int connections) {
    this.open = new CountDownLatch(connections);
  }

  /** Tells that one more connection is open and exchanging. */
  void opened() {
    open.countDown();
  }

  /** Returns the latch that the connections count down as they open. */
  CountDownLatch open() {
    return open;
  }

  /** Records that the server misbehaved, unless the run is stopping or failed already. */
  void fail(String why) {
    if (failure == null && !stopping) {
      failure = why;
    }
  }

  /** Tells that the run is ending: connections that close or fail from now on are no failure. */
  void closing() {
    stopping = true;
  }

  /** Returns the first misbehaviour recorded, if any. */
  @Nullable String failure() {
    return failure;
  }

  /** Returns how many round trips have completed so far, for spotting a stall. */
  long exchanged() {
    return exchanged;
  }

  /** Records one round trip of {@code nanos} nanoseconds. On the event loop. */
  void roundTrip(long nanos) {
    exchanged++;
    if (measuring) {
      trips.record(nanos);
    }
  }

  /** Starts measuring afresh, at {@code nanoTime}. On the event loop. */
  void startMeasuring(long nanoTime) {
    trips = new Latencies();
    measuringSince = nanoTime;
    measuring = true;
  }

  /**
   * Stops measuring at {@code nanoTime} and returns {@code value} (messages per second, in
   * {@code unit} msg/s), {@code p99_us} and {@code messages}, counted since {@link #startMeasuring}; connections closing from now on are no
   * failure. On the event loop.
   */
  Result stop(long nanoTime) {
    measuring = false;
    closing();
    double seconds = (nanoTime - measuringSince) / 1e9;
    return new Result().with("value", trips.count() / seconds).with("unit", "msg/s")
        .with("p99_us", trips.percentile(0.99)).with("messages", trips.count());
  }
}
