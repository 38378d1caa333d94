package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures left at the end of a chain: recorded for tests, logged when the Deferred is collected. */
class UnhandledFailuresTest {
  /** How long to wait for the collector; a collection usually takes milliseconds. */
  private static final Duration GC_LIMIT = Duration.ofSeconds(10);

  private final UnhandledFailures.Recording recording = UnhandledFailures.record();

  @AfterEach
  void stopRecording() {
    recording.flush();
    recording.close();
  }

  @Test
  void aChainEndingInFailureIsRecorded() {
    Deferred<String> deferred = new Deferred<>();
    deferred.map(String::length);

    deferred.errback(new IllegalStateException("left behind"));

    assertThat(recording.unhandled()).singleElement().extracting(Failure::message).isEqualTo("left behind");
  }

  @Test
  void aStepThatRecoversRemovesIt() {
    Deferred<String> deferred = Deferred.fail(new IllegalStateException("x"));
    assertThat(recording.unhandled()).hasSize(1);

    deferred.recover(failure -> "handled");

    assertThat(recording.unhandled()).isEmpty();
  }

  @Test
  void aStepThatOnlyLooksAtTheFailureLeavesItUnhandled() {
    Deferred<String> deferred = Deferred.fail(new IllegalStateException("x"));

    Deferred<Integer> lengths = deferred.onFailure(failure -> {}).map(String::length);

    assertThat(recording.unhandled()).singleElement().extracting(Failure::message).isEqualTo("x");
    lengths.recover(failure -> 0);
    assertThat(recording.unhandled()).isEmpty();
  }

  @Test
  void aFailureThrownByAStepIsRecordedAndAValueIsNot() {
    Deferred<String> value = Deferred.succeed("fine");
    Deferred<String> failing = Deferred.succeed("fine");

    failing.map(v -> {
      throw new IllegalStateException("raised by a step");
    });

    assertThat(recording.unhandled()).singleElement().extracting(Failure::message).isEqualTo("raised by a step");
    assertThat(successResultOf(value)).isEqualTo("fine");
  }

  @Test
  void aFailureRecoveredByTypeIsHandledButOneOfAnotherTypeIsNot() {
    Deferred<String> matching = Deferred.fail(new IllegalStateException("matching"));
    Deferred<String> other = Deferred.fail(new ArithmeticException("other"));

    matching.recover(IllegalStateException.class, e -> "ok");
    other.recover(IllegalStateException.class, e -> "ok");

    assertThat(recording.unhandled()).singleElement().extracting(Failure::message).isEqualTo("other");
  }

  @Test
  void flushReturnsTheUnhandledFailuresAndMarksThemHandled() {
    Deferred.fail(new IllegalStateException("one"));
    Deferred.fail(new IllegalStateException("two"));

    assertThat(recording.flush()).extracting(Failure::message).containsExactly("one", "two");
    assertThat(recording.unhandled()).isEmpty();
  }

  @Test
  void aClosedRecordingRecordsNothingNewAndANewRecordingReplacesTheOld() {
    recording.close();
    Deferred<String> afterClose = Deferred.fail(new IllegalStateException("after close"));
    assertThat(recording.unhandled()).isEmpty();
    afterClose.recover(failure -> "handled");

    try (UnhandledFailures.Recording first = UnhandledFailures.record();
        UnhandledFailures.Recording second = UnhandledFailures.record()) {
      Deferred.fail(new IllegalStateException("while the second records"));

      assertThat(first.unhandled()).isEmpty();
      assertThat(second.unhandled()).hasSize(1);
      second.flush();
    }
  }

  @Test
  void aDroppedDeferredStaysRecordedAndIsLoggedWithItsStackWhenCollected() throws InterruptedException {
    String marker = UUID.randomUUID().toString();
    try (LogCapture log = new LogCapture()) {
      failAndDrop(marker);

      LogRecord record = log.awaitAfterGc(message -> message.contains(marker), GC_LIMIT);

      assertThat(record).as("log record for the collected Deferred").isNotNull();
      assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
      assertThat(record.getMessage())
          .contains("Unhandled failure in Deferred")
          .contains("java.lang.IllegalStateException: " + marker)
          .contains("at dev.twine.defer.UnhandledFailuresTest.lambda$failAndDrop");
      assertThat(recording.unhandled()).extracting(Failure::message).containsExactly(marker);
    }
  }

  @Test
  void handledFailuresAreNotLoggedWhenCollected() throws InterruptedException {
    String handled = "handled " + UUID.randomUUID();
    String stolen = "stolen " + UUID.randomUUID();
    String waiting = "waiting " + UUID.randomUUID();
    String flushed = "flushed " + UUID.randomUUID();
    String unhandled = "unhandled " + UUID.randomUUID();
    try (LogCapture log = new LogCapture()) {
      failRecoverAndDrop(handled);
      failStealAndDrop(stolen);
      failRecoverWithPendingAndDrop(waiting);
      failAndDrop(flushed);
      recording.flush();
      failAndDrop(unhandled);

      assertThat(log.awaitAfterGc(message -> message.contains(unhandled), GC_LIMIT)).isNotNull();

      assertThat(log.records()).extracting(LogRecord::getMessage)
          .noneMatch(message -> message.contains(handled))
          .noneMatch(message -> message.contains(stolen))
          .noneMatch(message -> message.contains(waiting))
          .noneMatch(message -> message.contains(flushed));
    }
  }

  private static void failAndDrop(String message) {
    Deferred<String> deferred = new Deferred<>();
    deferred.map(v -> {
      throw new IllegalStateException(message);
    });
    deferred.callback("go");
  }

  private static void failRecoverAndDrop(String message) {
    Deferred<String> deferred = Deferred.fail(new IllegalStateException(message));
    deferred.recover(failure -> "recovered");
  }

  /** The failure is handled by a step whose Deferred never fires: nothing is left failing. */
  private static void failRecoverWithPendingAndDrop(String message) {
    Deferred<String> bad = Deferred.fail(new IllegalStateException(message));
    bad.recoverWith(failure -> new Deferred<>());
  }

  private static void failStealAndDrop(String message) {
    Deferred<String> inner = Deferred.fail(new IllegalStateException(message));
    Deferred.succeed("go").flatMap(v -> inner).recover(failure -> "recovered");
  }
}
