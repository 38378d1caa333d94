package dev.twine.testing;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.defer.UnhandledFailures;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeferredAssertionsTest {
  private UnhandledFailures.Recording recording;

  @BeforeEach
  void recordUnhandledFailures() {
    recording = UnhandledFailures.record();
  }

  @AfterEach
  void stopRecording() {
    recording.flush();
    recording.close();
  }

  /** Returns what the next step of {@code deferred}'s chain receives. */
  private static List<@Nullable Object> nextResults(Deferred<?> deferred) {
    List<@Nullable Object> seen = new ArrayList<>();
    deferred.always(seen::add);
    return seen;
  }

  @Nested
  class SuccessResultOf {
    @Test
    void returnsTheValueAndTheChainGoesOnWithNull() {
      Deferred<String> deferred = Deferred.succeed("pong");

      assertThat(successResultOf(deferred)).isEqualTo("pong");
      assertThat(successResultOf(deferred)).isNull();
    }

    @Test
    void returnsNullForAVoidResult() {
      Deferred<@Nullable Void> deferred = Deferred.succeed(null);

      assertThat(successResultOf(deferred)).isNull();
    }

    @Test
    void failsWhenThereIsNoResultYetAndLeavesTheResultToCome() {
      Deferred<String> deferred = new Deferred<>();

      assertThatThrownBy(() -> successResultOf(deferred))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).isEqualTo("Success result expected on Deferred[pending], found no result instead"));
      deferred.callback("late");
      assertThat(successResultOf(deferred)).isEqualTo("late");
    }

    @Test
    void findsNoResultWhileTheChainWaitsOnAnotherDeferred() {
      Deferred<String> inner = new Deferred<>();
      Deferred<String> outer = Deferred.succeed("a").flatMap(value -> inner);

      assertThatThrownBy(() -> successResultOf(outer)).hasMessageContaining("found no result");
      inner.callback("b");
      assertThat(successResultOf(outer)).isEqualTo("b");
    }

    @Test
    void failsWithTheTracebackOfAFailureAndHandlesIt() {
      Deferred<String> deferred = Deferred.fail(new IOException("disk on fire"));
      assertThat(recording.unhandled()).hasSize(1);

      assertThatThrownBy(() -> successResultOf(deferred))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).startsWith("Success result expected on Deferred[failed: "
              + "Failure[java.io.IOException: disk on fire]], found failure result instead:\n"
              + "java.io.IOException: disk on fire\n\tat "))
          .hasMessageContaining(getClass().getName());
      assertThat(recording.unhandled()).isEmpty();
      assertThat(nextResults(deferred)).containsExactly(Outcome.success(null));
    }
  }

  @Nested
  class FailureResultOf {
    @Test
    void returnsTheFailureAndHandlesIt() {
      IOException boom = new IOException("boom");
      Deferred<String> deferred = Deferred.fail(boom);

      Failure failure = failureResultOf(deferred);

      assertThat(failure.exception()).isSameAs(boom);
      assertThat(recording.unhandled()).isEmpty();
      assertThat(successResultOf(deferred)).isNull();
    }

    @Test
    void acceptsAFailureOfAnyExpectedTypeOrSubtype() {
      Deferred<String> deferred = Deferred.fail(new FileNotFoundException("gone"));

      Failure failure = failureResultOf(deferred, TimeoutException.class, IOException.class);

      assertThat(failure.type()).isEqualTo(FileNotFoundException.class);
    }

    @Test
    void failsNamingTheExpectedAndTheActualTypeAndStillTakesTheFailure() {
      Deferred<String> deferred = Deferred.fail(new IllegalStateException("wrong"));

      assertThatThrownBy(() -> failureResultOf(deferred, IOException.class, TimeoutException.class))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).startsWith("Failure of type java.io.IOException or "
              + "java.util.concurrent.TimeoutException expected on Deferred[failed: "
              + "Failure[java.lang.IllegalStateException: wrong]], found "
              + "java.lang.IllegalStateException instead:\n"
              + "java.lang.IllegalStateException: wrong\n\tat "));
      assertThat(recording.unhandled()).isEmpty();
    }

    @Test
    void failsOnASuccessNamingTheValue() {
      Deferred<Integer> deferred = Deferred.succeed(42);

      assertThatThrownBy(() -> failureResultOf(deferred))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).isEqualTo("Failure result expected on Deferred[result: 42], "
              + "found success result (42) instead"));
    }

    @Test
    void failsWhenThereIsNoResultYetAndLeavesTheResultToCome() {
      Deferred<String> deferred = new Deferred<>();

      assertThatThrownBy(() -> failureResultOf(deferred, IOException.class))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).isEqualTo("Failure result expected on Deferred[pending], found no result instead"));
      deferred.errback(new IOException("late"));
      assertThat(failureResultOf(deferred).message()).isEqualTo("late");
    }

    @Test
    void rejectsANullExpectedType() {
      Deferred<String> deferred = Deferred.fail(new IOException());

      assertThatThrownBy(() -> failureResultOf(deferred, IOException.class, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("expected type");
      assertThat(recording.unhandled()).hasSize(1);
    }
  }

  @Nested
  class AssertNoResult {
    @Test
    void passesWhileThereIsNoResultAndLeavesTheChainWorking() {
      Deferred<String> deferred = new Deferred<>();

      assertNoResult(deferred);
      deferred.callback("later");

      assertThat(successResultOf(deferred.map(String::length))).isEqualTo(5);
    }

    @Test
    void failsNamingASuccessAndLeavesItInPlace() {
      Deferred<String> deferred = Deferred.succeed("here");

      assertThatThrownBy(() -> assertNoResult(deferred))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).isEqualTo("No result expected on Deferred[result: here], "
              + "found success result (here) instead"));
      assertThat(successResultOf(deferred)).isEqualTo("here");
    }

    @Test
    void failsWithTheTracebackOfAFailureAndLeavesItUnhandled() {
      IOException boom = new IOException("boom");
      Deferred<String> deferred = Deferred.fail(boom);

      assertThatThrownBy(() -> assertNoResult(deferred))
          .isInstanceOf(AssertionError.class)
          .satisfies(e -> assertThat(withoutIdentity(e)).startsWith("No result expected on Deferred[failed: "
              + "Failure[java.io.IOException: boom]], found failure result instead:\n"
              + "java.io.IOException: boom\n\tat "));

      assertThat(recording.unhandled()).extracting(Failure::exception).containsExactly(boom);
      assertThat(failureResultOf(deferred).exception()).isSameAs(boom);
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  /** Returns the message with Deferreds' identity hashes removed, for exact comparisons. */
  private static String withoutIdentity(Throwable thrown) {
    return thrown.getMessage().replaceAll("Deferred@[0-9a-f]+\\[", "Deferred[");
  }
}
