package dev.twine.application;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a {@link ClientService} waits between connection attempts: exponential back-off with a
 * ceiling and random jitter (Twisted's {@code backoffPolicy}), and how many retries it makes
 * before it gives up.
 *
 * <p>Retry {@code n} (counted from 1 since the last successful connection) waits
 * {@code min(initial × factor^(n-1), max)} plus a random amount from zero up to {@code jitter}.
 * With {@link #DEFAULT} (Twisted's defaults) the waits are about 1, 1.5, 2.25, 3.4 ... seconds,
 * up to a minute, each plus up to a second of jitter, so that many clients cut off together do
 * not all come back in the same instant. Twisted's policy multiplies by the factor once more, so
 * its first wait is 1.5 seconds; here the first wait is {@code initial}, as its name says.
 *
 * <pre>{@code
 * Backoff quick = Backoff.DEFAULT.withInitial(Duration.ofMillis(100)).withMaxRetries(5);
 * }</pre>
 *
 * @param initial the wait before the first retry, before jitter
 * @param max the longest wait, before jitter
 * @param factor how much each wait grows over the one before, at least 1
 * @param jitter the most random time added to each wait ({@link Duration#ZERO} for none)
 * @param maxRetries how many retries to make after the connection is lost or an attempt fails,
 *     before giving up; {@link Integer#MAX_VALUE}, the default, retries for good
 */
public record Backoff(Duration initial, Duration max, double factor, Duration jitter, int maxRetries) {

  /** The longest {@code max} and {@code jitter}: half of what a {@code long} of nanoseconds holds. */
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 2);

  /** Twisted's defaults: 1 second, growing by 1.5 up to 60 seconds, up to 1 second of jitter. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 1.5, Duration.ofSeconds(1), Integer.MAX_VALUE);

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException if a duration is negative, {@code max} is shorter than
   *     {@code initial}, {@code max} or {@code jitter} is over 146 years, {@code factor} is below 1
   *     or not finite, or {@code maxRetries} is negative
   */
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(jitter, "jitter");
    if (initial.isNegative() || jitter.isNegative()) {
      throw new IllegalArgumentException("initial and jitter must not be negative: initial " + initial + ", jitter " + jitter);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " must not be shorter than initial " + initial);
    }
    if (max.compareTo(LONGEST) > 0 || jitter.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("max and jitter must be at most " + LONGEST + ": max " + max + ", jitter " + jitter);
    }
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number of at least 1: " + factor);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
  }

  /** Returns a copy that waits {@code initial} before the first retry. */
  public Backoff withInitial(Duration initial) {
    return new Backoff(initial, max, factor, jitter, maxRetries);
  }

  /** Returns a copy that waits at most {@code max} (before jitter). */
  public Backoff withMax(Duration max) {
    return new Backoff(initial, max, factor, jitter, maxRetries);
  }

  /** Returns a copy whose waits grow by {@code factor}. */
  public Backoff withFactor(double factor) {
    return new Backoff(initial, max, factor, jitter, maxRetries);
  }

  /** Returns a copy that adds up to {@code jitter} to each wait. */
  public Backoff withJitter(Duration jitter) {
    return new Backoff(initial, max, factor, jitter, maxRetries);
  }

  /** Returns a copy that gives up after {@code maxRetries} retries in a row. */
  public Backoff withMaxRetries(int maxRetries) {
    return new Backoff(initial, max, factor, jitter, maxRetries);
  }

  /**
   * Returns how long to wait before retry number {@code retry} (1 for the first), drawing the
   * jitter from {@code random} with {@link RandomGenerator#nextDouble()}.
   *
   * @throws IllegalArgumentException if {@code retry} is below 1
   */
  public Duration delay(int retry, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1: " + retry);
    }
    double grown = initial.isZero() ? 0 : initial.toNanos() * Math.pow(factor, retry - 1);
    long base = (long) Math.min(grown, max.toNanos());
    long noise = (long) (random.nextDouble() * jitter.toNanos());
    return Duration.ofNanos(base + noise);
  }

  /** Returns whether retry number {@code retry} (1 for the first) may be made. */
  public boolean allows(int retry) {
    return retry <= maxRetries;
  }
}
