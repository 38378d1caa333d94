package dev.twine.benchmarks.load;

/**
 * The one latency histogram of the load generators: times in microseconds, in fixed memory,
 * exact up to 2,047 µs, then 1,024 buckets per power of two, so a percentile is off by at most
 * 0.1%. Recording allocates nothing.
 *
 * <p>Threading: not thread-safe; one thread records (or its owner synchronizes), and whoever
 * reads the percentiles does so after recording has stopped or under the same lock.
 */
final class Latencies {
  private static final int SUB_BITS = 10;
  private static final int SUB = 1 << SUB_BITS;

  private final long[] counts = new long[(64 - SUB_BITS) * SUB];
  private long total;

  /** Records one round trip that took {@code nanos} nanoseconds; a negative time counts as 0. */
  void record(long nanos) {
    counts[index(Math.max(0, nanos / 1000))]++;
    total++;
  }

  /** Returns how many round trips were recorded. */
  long count() {
    return total;
  }

  /**
   * Returns the time that {@code quantile} (0 to 1) of the round trips took at most, as the
   * upper end of its bucket in microseconds; 0 if none was recorded.
   *
   * @throws IllegalArgumentException if {@code quantile} is outside 0 to 1
   */
  long percentile(double quantile) {
    if (quantile < 0 || quantile > 1) {
      throw new IllegalArgumentException("quantile must be from 0 to 1: " + quantile);
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * total));
    long seen = 0;
    for (int i = 0; i < counts.length && total > 0; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return lowest(i + 1) - 1;
      }
    }
    return 0;
  }

  private static int index(long value) {
    if (value < 2 * SUB) {
      return (int) value;
    }
    int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
    return (shift + 1) * SUB + (int) ((value >>> shift) - SUB);
  }

  private static long lowest(int index) {
    if (index < 2 * SUB) {
      return index;
    }
    int shift = index / SUB - 1;
    return (long) (index % SUB + SUB) << shift;
  }
}
