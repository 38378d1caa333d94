package dev.twine.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.nio.NioReactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs a scenario on a real reactor over loopback sockets. */
final class Loopback {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Loopback() {}

  /**
   * Runs a new reactor until the Deferred that {@code scenario} returns fires (at most ten
   * seconds), and returns its outcome; the failure of a failed outcome counts as handled.
   */
  static <T> Outcome<T> run(Function<NioReactor, Deferred<T>> scenario) {
    NioReactor reactor = new NioReactor();
    List<Outcome<T>> outcomes = new ArrayList<>();
    reactor.callWhenRunning(() -> Deferred.maybeDeferredWith(() -> scenario.apply(reactor))
        .transform(outcome -> {
          outcomes.add(outcome);
          reactor.stop();
          return null;
        }));
    reactor.callLater(LIMIT, () -> {
      if (outcomes.isEmpty()) {
        reactor.stop();
      }
    });
    reactor.run();
    assertThat(outcomes).as("the scenario's outcome within " + LIMIT).hasSize(1);
    return outcomes.get(0);
  }

  /** Runs {@code scenario} like {@link #run} and returns the value it succeeded with. */
  static <T> T value(Function<NioReactor, Deferred<T>> scenario) {
    Outcome<T> outcome = run(scenario);
    if (outcome instanceof Outcome.Failed<T> failed) {
      throw new AssertionError("the scenario failed:\n" + failed.failure().traceback());
    }
    return ((Outcome.Success<T>) outcome).value();
  }

  /** Runs {@code scenario} like {@link #run} and returns the exception it failed with. */
  static Throwable failure(Function<NioReactor, ? extends Deferred<?>> scenario) {
    Outcome<Object> outcome = run(reactor -> scenario.apply(reactor).map(value -> (Object) value));
    if (outcome instanceof Outcome.Failed<?> failed) {
      return failed.failure().exception();
    }
    throw new AssertionError("the scenario succeeded with " + ((Outcome.Success<?>) outcome).value());
  }
}
