package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code addTimeout}, driven by a test {@link Clock}. */
class DeferredTimeoutTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private final Clock clock = new Clock();
  private final List<Object> seen = new ArrayList<>();

  @Test
  void aDeferredThatDoesNotFireInTimeFailsWithTimedOutAndItsCancellerRuns() {
    Deferred<String> deferred = new Deferred<>(seen::add);
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(Duration.ofMillis(9_999));
    assertNoResult(deferred);
    assertThat(seen).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(seen).containsExactly(deferred);
    TimedOutException timedOut =
        (TimedOutException) failureResultOf(deferred, TimedOutException.class).exception();
    assertThat(timedOut.timeout()).isEqualTo(TEN_SECONDS);
    assertThat(timedOut).hasCauseInstanceOf(CancelledException.class);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void aDeferredThatFiresInTimeCancelsTheTimerAndPassesItsResult() {
    Deferred<String> deferred = new Deferred<>();
    deferred.addTimeout(TEN_SECONDS, clock).map(v -> v + "!");
    assertThat(clock.pendingCalls()).hasSize(1);

    clock.advance(Duration.ofSeconds(5));
    deferred.callback("in time");

    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(successResultOf(deferred)).isEqualTo("in time!");
  }

  @Test
  void aFailureInTimePassesUnchangedAndCancelsTheTimer() {
    IOException error = new IOException("fail");
    Deferred<String> deferred = new Deferred<>();
    deferred.addTimeout(TEN_SECONDS, clock);

    deferred.errback(error);

    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(error);
  }

  @Test
  void anAlreadyFiredDeferredLeavesNoTimerBehind() {
    Deferred<String> deferred = Deferred.succeed("done");

    deferred.addTimeout(TEN_SECONDS, clock);

    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(successResultOf(deferred)).isEqualTo("done");
  }

  @Test
  void afterSucceedingInTimeNothingIsCancelledLater() {
    Deferred<String> deferred = new Deferred<>();
    deferred.addTimeout(TEN_SECONDS, clock);
    Deferred<String> inner = new Deferred<>(seen::add);
    deferred.flatMap(results -> {
      seen.add(results);
      return inner;
    });

    deferred.callback("results");
    clock.advance(Duration.ofSeconds(15));

    assertThat(seen).containsExactly("results");
    assertNoResult(inner);
  }

  @Test
  void afterFailingInTimeNothingIsCancelledLater() {
    Deferred<String> deferred = new Deferred<>();
    deferred.addTimeout(TEN_SECONDS, clock);
    Deferred<String> inner = new Deferred<>(seen::add);
    deferred.recoverWith(failure -> {
      seen.add(failure.message());
      return inner;
    });

    deferred.errback(new IOException("fail"));
    clock.advance(Duration.ofSeconds(15));

    assertThat(seen).containsExactly("fail");
    assertNoResult(inner);
  }

  @Test
  void aCancellerThatSucceedsGivesItsValueInsteadOfATimeout() {
    Deferred<String> deferred = new Deferred<>(d -> d.callback("I was cancelled!"));
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(Duration.ofSeconds(15));

    assertThat(successResultOf(deferred)).isEqualTo("I was cancelled!");
  }

  @Test
  void aCancellerThatFailsGivesItsFailureInsteadOfATimeout() {
    IOException error = new IOException("what!");
    Deferred<String> deferred = new Deferred<>(d -> d.errback(error));
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(Duration.ofSeconds(15));

    assertThat(failureResultOf(deferred, IOException.class).exception()).isSameAs(error);
  }

  @Test
  void cancellingBeforeTheTimeoutKeepsTheCancellationAndCancelsNothingLater() {
    Deferred<String> deferred = new Deferred<>();
    deferred.addTimeout(TEN_SECONDS, clock);
    Deferred<String> inner = new Deferred<>(seen::add);
    deferred.recoverWith(failure -> {
      seen.add(failure.type());
      return inner;
    });

    deferred.cancel();
    clock.advance(Duration.ofSeconds(15));

    assertThat(seen).containsExactly(CancelledException.class);
    assertNoResult(inner);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void aStepAddedBeforeTheTimeoutSeesTheCancellationWhichThenBecomesATimeout() {
    Deferred<String> deferred = new Deferred<>();
    deferred.onFailure(failure -> seen.add(failure.type()));
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(Duration.ofSeconds(15));

    assertThat(seen).containsExactly(CancelledException.class);
    failureResultOf(deferred, TimedOutException.class);
  }

  @Test
  void aStepAddedBeforeTheTimeoutCanRecoverFromTheCancellation() {
    Deferred<String> deferred = new Deferred<>();
    deferred.recover(failure -> {
      failure.trap(CancelledException.class);
      return "recovered";
    });
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(Duration.ofSeconds(15));

    assertThat(successResultOf(deferred)).isEqualTo("recovered");
  }

  @Test
  void aStepAddedBeforeTheTimeoutRunsWithTheValueOfACancellerThatSucceeds() {
    Deferred<String> deferred = new Deferred<>(d -> d.callback("success"));
    deferred.onSuccess(seen::add);
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(Duration.ofSeconds(15));

    assertThat(seen).containsExactly("success");
    assertThat(successResultOf(deferred)).isEqualTo("success");
  }

  @Test
  void aTimeoutWhileTheChainWaitsOnAnInnerDeferredCancelsTheInnerOne() {
    Deferred<String> inner = new Deferred<>(seen::add);
    Deferred<String> deferred = Deferred.succeed("x").flatMap(v -> inner);
    deferred.addTimeout(TEN_SECONDS, clock);

    clock.advance(TEN_SECONDS);

    assertThat(seen).containsExactly(inner);
    failureResultOf(deferred, TimedOutException.class);
  }
}
