package dev.twine.protocols;

import dev.twine.internet.DelayedCall;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A countdown that a protocol restarts whenever its connection shows activity, and that acts when
 * the connection has been idle for a whole period: by default, it closes the connection (Twisted's
 * {@code TimeoutMixin}, as an object the protocol holds instead of a mixin).
 *
 * <pre>{@code
 * final class Session extends LineReceiver {
 *   private final IdleTimeout idle;
 *
 *   Session(ReactorTime time) {
 *     idle = new IdleTimeout(this, time, Duration.ofMinutes(5));
 *   }
 *
 *   @Override public void connectionMade() { idle.start(); }
 *   @Override protected void lineReceived(Bytes line) { idle.resetTimeout(); ... }
 *   @Override public void connectionLost(Failure reason) { idle.cancelTimeout(); }
 * }
 * }</pre>
 *
 * <p>The countdown runs from {@link #start} (or {@link #setTimeout}) until it fires, or until
 * {@link #cancelTimeout}, which a protocol calls from {@code connectionLost} so that no timer
 * outlives the connection. {@link #resetTimeout} restarts a running countdown and does nothing
 * otherwise, so activity after a timeout or a cancellation starts nothing. To time out a whole
 * connection without touching its protocol, wrap it in a {@link TimeoutProtocol}.
 *
 * <p>Twisted's names map as follows: {@code setTimeout(period)} is {@link #setTimeout}, {@code
 * setTimeout(None)} and {@code cancelTimeout} are {@link #cancelTimeout}, and overriding {@code
 * timeoutConnection} is passing a handler to the constructor.
 *
 * <p>Threading: the reactor thread of the {@link ReactorTime}, which runs the handler.
 */
public final class IdleTimeout {
  private final ReactorTime time;
  private final Runnable onTimeout;
  private Duration period;
  private @Nullable DelayedCall countdown;

  /**
   * Creates a countdown of {@code period} that runs {@code onTimeout} when it fires. It does not
   * run until {@link #start}.
   *
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public IdleTimeout(ReactorTime time, Duration period, Runnable onTimeout) {
    this.time = Objects.requireNonNull(time, "time");
    this.period = checkPeriod(period);
    this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
  }

  /**
   * Creates a countdown of {@code period} that closes the connection of {@code protocol} with
   * {@code loseConnection} when it fires. It does not run until {@link #start}.
   *
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public IdleTimeout(Protocol protocol, ReactorTime time, Duration period) {
    this(time, period, () -> protocol.transport().loseConnection());
    Objects.requireNonNull(protocol, "protocol");
  }

  /** Starts the countdown of a whole period from now, or restarts it if it is running. */
  public void start() {
    DelayedCall running = countdown;
    if (running != null) {
      running.reset(period);
    } else {
      countdown = time.callLater(period, this::fire);
    }
  }

  /**
   * Restarts the countdown if it is running, because the connection just showed activity; does
   * nothing after it fired or was cancelled.
   */
  public void resetTimeout() {
    DelayedCall running = countdown;
    if (running != null) {
      running.reset(period);
    }
  }

  /**
   * Changes the period and starts the countdown of the new period from now, whether it was
   * running or not; returns the previous period.
   *
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public Duration setTimeout(Duration period) {
    Duration previous = this.period;
    this.period = checkPeriod(period);
    start();
    return previous;
  }

  /** Stops the countdown, if it is running, so that it does not fire. Idempotent. */
  public void cancelTimeout() {
    DelayedCall running = countdown;
    countdown = null;
    if (running != null) {
      running.cancel();
    }
  }

  /** Returns the period of idleness after which the countdown fires. */
  public Duration period() {
    return period;
  }

  /** Returns whether the countdown is running: started, and neither fired nor cancelled since. */
  public boolean running() {
    return countdown != null;
  }

  private void fire() {
    countdown = null;
    onTimeout.run();
  }

  /** Returns {@code period} if it is positive. */
  static Duration checkPeriod(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("the idle timeout period must be positive: " + period);
    }
    return period;
  }

  @Override
  public String toString() {
    return "IdleTimeout[" + period + (running() ? ", running" : ", stopped") + "]";
  }
}
