package dev.twine.application;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** A generator whose {@code nextDouble()} is always {@code value}. */
  static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is drawn");
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void theDefaultIsTwistedsPolicyRetryingForGood() {
    assertThat(Backoff.DEFAULT.initial()).isEqualTo(ofSeconds(1));
    assertThat(Backoff.DEFAULT.max()).isEqualTo(ofSeconds(60));
    assertThat(Backoff.DEFAULT.factor()).isEqualTo(1.5);
    assertThat(Backoff.DEFAULT.jitter()).isEqualTo(ofSeconds(1));
    assertThat(Backoff.DEFAULT.allows(Integer.MAX_VALUE)).isTrue();
  }

  @Test
  void eachWaitGrowsByTheFactorFromTheInitialOneUpToTheMax() {
    RandomGenerator none = fixed(0);

    assertThat(Backoff.DEFAULT.delay(1, none)).isEqualTo(ofSeconds(1));
    assertThat(Backoff.DEFAULT.delay(2, none)).isEqualTo(ofMillis(1500));
    assertThat(Backoff.DEFAULT.delay(3, none)).isEqualTo(ofMillis(2250));
    assertThat(Backoff.DEFAULT.delay(4, none)).isEqualTo(ofMillis(3375));
    assertThat(Backoff.DEFAULT.delay(11, none)).isBetween(ofSeconds(57), ofSeconds(58));
    assertThat(Backoff.DEFAULT.delay(12, none)).isEqualTo(ofSeconds(60));
    assertThat(Backoff.DEFAULT.delay(Integer.MAX_VALUE, none)).isEqualTo(ofSeconds(60));
  }

  @Test
  void theJitterAddsTheDrawnFractionOfItself() {
    assertThat(Backoff.DEFAULT.delay(1, fixed(0.5))).isEqualTo(ofMillis(1500));
    assertThat(Backoff.DEFAULT.delay(12, fixed(0.25))).isEqualTo(ofMillis(60_250));
    assertThat(Backoff.DEFAULT.withJitter(ZERO).delay(2, fixed(0.9))).isEqualTo(ofMillis(1500));
  }

  @Test
  void randomJitterStaysBelowTheJitterBound() {
    SplittableRandom random = new SplittableRandom(42);
    Backoff backoff = Backoff.DEFAULT.withJitter(ofMillis(100));
    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.delay(3, random)).isGreaterThanOrEqualTo(ofMillis(2250)).isLessThan(ofMillis(2350));
    }
  }

  @Test
  void aZeroInitialWaitStaysZeroHoweverManyRetries() {
    Backoff immediate = new Backoff(ZERO, ofSeconds(5), 2, ZERO, 3);

    assertThat(immediate.delay(1, fixed(0))).isEqualTo(ZERO);
    assertThat(immediate.delay(5000, fixed(0))).isEqualTo(ZERO);
  }

  @Test
  void allowsRetriesUpToTheMaximum() {
    Backoff twice = Backoff.DEFAULT.withMaxRetries(2);

    assertThat(twice.allows(1)).isTrue();
    assertThat(twice.allows(2)).isTrue();
    assertThat(twice.allows(3)).isFalse();
    assertThat(Backoff.DEFAULT.withMaxRetries(0).allows(1)).isFalse();
  }

  @Test
  void copiersChangeOneValue() {
    Backoff changed = Backoff.DEFAULT.withInitial(ofMillis(10)).withMax(ofSeconds(2)).withFactor(3)
        .withJitter(ofMillis(5)).withMaxRetries(7);

    assertThat(changed).isEqualTo(new Backoff(ofMillis(10), ofSeconds(2), 3, ofMillis(5), 7));
  }

  @Test
  void invalidValuesAreRejectedNamingThem() {
    assertThatThrownBy(() -> Backoff.DEFAULT.withInitial(ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial PT-1S");
    assertThatThrownBy(() -> Backoff.DEFAULT.withJitter(ofSeconds(-2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter PT-2S");
    assertThatThrownBy(() -> Backoff.DEFAULT.withMax(ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max PT0.5S must not be shorter than initial PT1S");
    assertThatThrownBy(() -> Backoff.DEFAULT.withMax(ofSeconds(Long.MAX_VALUE / 1_000_000_000L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max and jitter must be at most");
    assertThatThrownBy(() -> Backoff.DEFAULT.withFactor(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor").hasMessageContaining("0.5");
    assertThatThrownBy(() -> Backoff.DEFAULT.withFactor(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Backoff.DEFAULT.withFactor(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    assertThatThrownBy(() -> Backoff.DEFAULT.withMaxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRetries must not be negative: -1");
    assertThatThrownBy(() -> Backoff.DEFAULT.delay(0, fixed(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retry must be at least 1: 0");
  }
}
