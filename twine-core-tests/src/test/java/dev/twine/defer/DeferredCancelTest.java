package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** {@code cancel}: with and without a canceller, before and after firing, and through nesting. */
class DeferredCancelTest {
  private final List<Deferred<?>> cancelled = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();

  @Test
  void withoutACancellerItFailsWithCancelled() {
    Deferred<String> deferred = new Deferred<>();
    List<String> values = new ArrayList<>();
    deferred.onSuccess(values::add).onFailure(failures::add);

    deferred.cancel();

    assertThat(values).isEmpty();
    assertThat(failures).singleElement().extracting(Failure::type).isEqualTo(CancelledException.class);
    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void withoutACancellerOneLateCallbackIsIgnoredAndTheNextRaises() {
    Deferred<String> deferred = new Deferred<>();
    deferred.onFailure(failures::add);
    deferred.cancel();

    deferred.callback("late");

    assertThat(failures).singleElement().extracting(Failure::type).isEqualTo(CancelledException.class);
    assertThatThrownBy(() -> deferred.callback("later")).isInstanceOf(AlreadyCalledException.class);
    assertThatThrownBy(() -> deferred.errback(new IOException())).isInstanceOf(AlreadyCalledException.class);
    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void withoutACancellerOneLateErrbackIsIgnoredAndTheNextRaises() {
    Deferred<String> deferred = new Deferred<>();
    deferred.onFailure(failures::add);
    deferred.cancel();

    deferred.errback(new IOException("late"));

    assertThat(failures).singleElement().extracting(Failure::type).isEqualTo(CancelledException.class);
    assertThatThrownBy(() -> deferred.callback("later")).isInstanceOf(AlreadyCalledException.class);
    assertThatThrownBy(() -> deferred.errback(new IOException())).isInstanceOf(AlreadyCalledException.class);
    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void cancellingAgainChangesNothing() {
    Deferred<String> deferred = new Deferred<>();
    deferred.onFailure(failures::add);
    deferred.cancel();
    deferred.callback("ignored");

    deferred.cancel();
    deferred.cancel();

    assertThat(failures).hasSize(1);
    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void theCancellerRunsOnceWithTheDeferredAndThenItFailsWithCancelled() {
    Deferred<String> deferred = new Deferred<>(cancelled::add);
    deferred.onFailure(failures::add);

    deferred.cancel();
    deferred.cancel();

    assertThat(cancelled).containsExactly(deferred);
    assertThat(failures).singleElement().extracting(Failure::type).isEqualTo(CancelledException.class);
    assertThatThrownBy(() -> deferred.callback("late")).isInstanceOf(AlreadyCalledException.class);
    assertThatThrownBy(() -> deferred.errback(new IOException())).isInstanceOf(AlreadyCalledException.class);
    failureResultOf(deferred, CancelledException.class);
  }

  @Test
  void aCancellerThatFiresTheDeferredDecidesTheResult() {
    Deferred<String> callsBack = new Deferred<>(d -> d.callback("hello!"));
    IOException error = new IOException("stopped");
    Deferred<String> errsBack = new Deferred<>(d -> d.errback(error));

    callsBack.cancel();
    errsBack.cancel();

    assertThat(successResultOf(callsBack)).isEqualTo("hello!");
    assertThat(failureResultOf(errsBack, IOException.class).exception()).isSameAs(error);
  }

  @Test
  void cancellingAFiredDeferredDoesNothing() {
    Deferred<String> succeeded = new Deferred<>(cancelled::add);
    succeeded.callback("biff!");
    Deferred<String> failed = new Deferred<>(cancelled::add);
    failed.errback(new IOException("earlier"));

    succeeded.cancel();
    failed.cancel();

    assertThat(cancelled).isEmpty();
    assertThat(successResultOf(succeeded)).isEqualTo("biff!");
    assertThat(failureResultOf(failed, IOException.class).message()).isEqualTo("earlier");
  }

  @Test
  void cancellingADeferredThatWaitsOnAnotherCancelsTheOther() {
    Deferred<String> inner = new Deferred<>(cancelled::add);
    Deferred<String> outer = new Deferred<>(d -> {
      throw new AssertionError("the outer Deferred already fired; its canceller must not run");
    });
    outer.callback("x");
    outer.flatMap(v -> inner);

    outer.cancel();

    assertThat(cancelled).containsExactly(inner);
    failureResultOf(outer, CancelledException.class);
    assertThat(successResultOf(inner)).isNull();
  }

  @Test
  void cancellationReachesTheInnermostOfSeveralWaitingDeferreds() {
    Deferred<String> innermost = new Deferred<>(cancelled::add);
    Deferred<String> middle = Deferred.succeed("m").flatMap(v -> innermost);
    Deferred<String> outer = Deferred.succeed("o").flatMap(v -> middle);

    outer.cancel();

    assertThat(cancelled).containsExactly(innermost);
    failureResultOf(outer, CancelledException.class);
  }

  @Test
  void cancellingTheInnerDeferredItselfAlsoFailsTheOuter() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("x").flatMap(v -> inner);

    inner.cancel();

    failureResultOf(outer, CancelledException.class);
  }

  @Test
  void aCancellerThatThrowsWithoutFiringLeavesItCancelledWithTheErrorAttached() {
    IllegalStateException broken = new IllegalStateException("canceller broke");
    Deferred<String> deferred = new Deferred<>(d -> {
      throw broken;
    });

    deferred.cancel();

    Failure failure = failureResultOf(deferred, CancelledException.class);
    assertThat(failure.exception().getSuppressed()).containsExactly(broken);
    assertThatThrownBy(() -> deferred.callback("late")).isInstanceOf(AlreadyCalledException.class);
  }

  @Test
  void aCancellerThatThrowsAfterFiringKeepsItsResultAndTheErrorIsLogged() {
    try (LogCapture log = new LogCapture()) {
      Deferred<String> deferred = new Deferred<>(d -> {
        d.callback("fired by the canceller");
        throw new IllegalStateException("then broke");
      });

      deferred.cancel();

      assertThat(successResultOf(deferred)).isEqualTo("fired by the canceller");
      assertThat(log.records()).singleElement().satisfies(record -> {
        assertThat(record.getLevel()).isEqualTo(Level.WARNING);
        assertThat(record.getThrown()).hasMessage("then broke");
      });
    }
  }
}
