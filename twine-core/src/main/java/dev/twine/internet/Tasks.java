package dev.twine.internet;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Scheduling helpers from Twisted's {@code twisted.internet.task}: results delivered later with
 * {@link #deferLater}. The rest of that module lives in its own types: {@link LoopingCall} for
 * repeated work and {@link Cooperator} for cooperative multitasking ({@code cooperate}).
 *
 * <pre>{@code
 * Deferred<String> greeting = Tasks.deferLater(reactor, Duration.ofSeconds(2), () -> "hello");
 * }</pre>
 *
 * <p>Threading: call these on the clock's thread; the work and the Deferred's steps run there.
 */
public final class Tasks {

  private Tasks() {}

  /**
   * Returns a Deferred that, {@code delay} from now on {@code clock}, calls {@code work} and
   * fires with its value, or fails with its exception.
   *
   * <p>Cancelling the Deferred before then cancels the scheduled call, so {@code work} never
   * runs, and fails the Deferred with {@link CancelledException}.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static <T extends @Nullable Object> Deferred<T> deferLater(
      ReactorTime clock, Duration delay, Callable<? extends T> work) {
    Objects.requireNonNull(work, "work");
    return deferLater(clock, delay).map(ignored -> work.call());
  }

  /**
   * Returns a Deferred that fires with {@code null} {@code delay} from now on {@code clock}: a
   * pause in a chain of steps. Cancelling it before then cancels the scheduled call and fails it
   * with {@link CancelledException}.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static Deferred<@Nullable Void> deferLater(ReactorTime clock, Duration delay) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(delay, "delay");
    DelayedCall[] scheduled = new DelayedCall[1];
    Deferred<@Nullable Void> deferred = new Deferred<>(cancelled -> scheduled[0].cancel());
    scheduled[0] = clock.callLater(delay, () -> deferred.callback(null));
    return deferred;
  }
}
