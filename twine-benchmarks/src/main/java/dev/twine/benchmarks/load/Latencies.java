package dev.twine.benchmarks.load;

/**
 * A histogram of round-trip times with one bucket per microsecond up to 100 ms and one bucket
 * for everything slower. Recording allocates nothing. Not thread-safe: one event loop records,
 * and its owner reads the percentiles after the loop has stopped recording.
 */
final class Latencies {
  private static final int BUCKETS = 100_000;
  private final long[] counts = new long[BUCKETS + 1];
  private long total;

  /** Counts one round trip that took {@code nanos}. */
  void record(long nanos) {
    long micros = nanos / 1000;
    counts[(int) Math.min(Math.max(micros, 0), BUCKETS)]++;
    total++;
  }

  /** Returns how many round trips were recorded. */
  long count() {
    return total;
  }

  /**
   * Returns the round-trip time in microseconds that {@code fraction} of the recorded ones did
   * not exceed ({@link #BUCKETS} for anything in the overflow bucket), or 0 if none was recorded.
   */
  long percentile(double fraction) {
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int micros = 0; micros <= BUCKETS; micros++) {
      seen += counts[micros];
      if (seen >= rank && seen > 0) {
        return micros;
      }
    }
    return 0;
  }
}
