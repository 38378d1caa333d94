package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.DeferredList.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredListTest {
  private static final Options FIRE_ON_ONE_ERRBACK = Options.DEFAULT.withFireOnOneErrback(true);
  private static final Options CONSUME_ERRORS = Options.DEFAULT.withConsumeErrors(true);

  @Test
  void firesWithTheOutcomesInTheOrderOfTheListOnceAllHaveFired() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<String> three = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two, three));
    IOException error = new IOException("2");

    three.callback("3");
    one.callback("1");
    assertNoResult(all);
    two.errback(error);
    two.recover(failure -> "handled");

    assertThat(successResultOf(all))
        .containsExactly(
            Outcome.success("1"), Outcome.failed(Failure.of(error)), Outcome.success("3"));
  }

  @Test
  void anEmptyListFiresAtOnceWithAnEmptyList() {
    assertThat(successResultOf(DeferredList.of(List.<Deferred<String>>of()))).isEmpty();
    List<Deferred<String>> none = List.of();
    assertThat(successResultOf(DeferredList.of(none, FIRE_ON_ONE_ERRBACK))).isEmpty();
  }

  @Test
  void inputsThatAlreadyFiredAreSeenAtOnce() {
    Deferred<Integer> failed = Deferred.fail(new IOException("bang"));
    Deferred<Integer> succeeded = Deferred.succeed(2);

    Deferred<List<Outcome<Integer>>> all = DeferredList.of(List.of(failed, succeeded));

    List<Outcome<Integer>> outcomes = successResultOf(all);
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(1)).isEqualTo(Outcome.success(2));
    failureResultOf(failed, IOException.class);
  }

  @Test
  void stepsAddedToAnInputBeforeRunFirstAndStepsAddedAfterRunAfter() {
    List<String> events = new ArrayList<>();
    Deferred<Integer> input = new Deferred<>();
    Deferred<Integer> doubled = input.map(n -> n * 2);
    Deferred<List<Outcome<Integer>>> all = DeferredList.of(List.of(doubled));
    all.onSuccess(outcomes -> events.add("list " + outcomes));
    doubled.onSuccess(n -> events.add("after " + n));

    input.callback(21);

    assertThat(events).containsExactly("list [Success[value=42]]", "after 42");
  }

  @Test
  void withoutConsumeErrorsTheFailureGoesOnDownTheInputAndStaysUnhandled() {
    Deferred<String> input = new Deferred<>();
    IOException error = new IOException("bang");
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(input));
      input.errback(error);

      assertThat(successResultOf(all)).containsExactly(Outcome.failed(Failure.of(error)));
      assertThat(recording.unhandled()).containsExactly(Failure.of(error));
      List<Throwable> seenLater = new ArrayList<>();
      input.recover(failure -> {
        seenLater.add(failure.exception());
        return "recovered";
      });
      assertThat(seenLater).containsExactly(error);
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void withConsumeErrorsTheFailureIsHandledAndTheInputGoesOnWithNull() {
    Deferred<String> input = new Deferred<>();
    IOException error = new IOException("bang");
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(input), CONSUME_ERRORS);
      List<Failure> trapped = new ArrayList<>();
      input.onFailure(trapped::add);
      input.errback(error);

      assertThat(trapped).isEmpty();
      assertThat(successResultOf(input)).isNull();
      assertThat(successResultOf(all)).containsExactly(Outcome.failed(Failure.of(error)));
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void consumeErrorsLeavesValuesAlone() {
    Deferred<String> input = new Deferred<>();
    DeferredList.of(List.of(input), CONSUME_ERRORS);

    input.callback("value");

    assertThat(successResultOf(input)).isEqualTo("value");
  }

  @Test
  void fireOnOneErrbackFailsWithTheFirstFailureAndItsIndex() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<String> three = new Deferred<>();
    Deferred<List<Outcome<String>>> all =
        DeferredList.of(List.of(one, two, three), FIRE_ON_ONE_ERRBACK);
    IOException error = new IOException("from two");

    one.callback("1");
    assertNoResult(all);
    two.errback(error);
    two.recover(failure -> "handled");

    FirstError first = (FirstError) failureResultOf(all, FirstError.class).exception();
    assertThat(first.index()).isEqualTo(1);
    assertThat(first.failure()).isEqualTo(Failure.of(error));
    assertThat(first.getCause()).isSameAs(error);

    three.errback(new IOException("later"));
    three.recover(failure -> "handled");
  }

  @Test
  void fireOnOneErrbackStillFiresWithTheListWhenAllSucceed() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two), FIRE_ON_ONE_ERRBACK);

    two.callback("2");
    one.callback("1");

    assertThat(successResultOf(all)).containsExactly(Outcome.success("1"), Outcome.success("2"));
  }

  @Test
  void fireOnOneErrbackWithAnInputThatAlreadyFailedFailsAtOnce() {
    Deferred<String> failed = Deferred.fail(new IOException("bang"));
    Deferred<String> pending = new Deferred<>();

    Deferred<List<Outcome<String>>> all =
        DeferredList.of(List.of(failed, pending), FIRE_ON_ONE_ERRBACK);

    assertThat(((FirstError) failureResultOf(all, FirstError.class).exception()).index()).isZero();
    failureResultOf(failed, IOException.class);
  }

  @Test
  void fireOnOneErrbackWithConsumeErrorsFailsAndHandlesTheInputs() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Options both = FIRE_ON_ONE_ERRBACK.withConsumeErrors(true);
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two), both);
      two.errback(new IOException("two"));
      one.errback(new IOException("one"));

      assertThat(((FirstError) failureResultOf(all, FirstError.class).exception()).index()).isEqualTo(1);
      assertThat(successResultOf(one)).isNull();
      assertThat(successResultOf(two)).isNull();
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void optionsCopiersChangeOneFlag() {
    assertThat(Options.DEFAULT).isEqualTo(new Options(false, false));
    assertThat(Options.DEFAULT.withFireOnOneErrback(true)).isEqualTo(new Options(true, false));
    assertThat(Options.DEFAULT.withConsumeErrors(true)).isEqualTo(new Options(false, true));
    assertThat(new Options(true, true).withConsumeErrors(false))
        .isEqualTo(new Options(true, false));
  }

  @Test
  void aNullInputIsRejectedWithItsIndex() {
    List<Deferred<String>> deferreds = new ArrayList<>();
    deferreds.add(new Deferred<>());
    deferreds.add(null);

    assertThatThrownBy(() -> DeferredList.of(deferreds))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("deferreds[1] is null");
  }

  @Test
  void cancellingCancelsEveryInput() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two));

    all.cancel();

    failureResultOf(one, CancelledException.class);
    failureResultOf(two, CancelledException.class);
    List<Outcome<String>> outcomes = successResultOf(all);
    assertThat(outcomes).allSatisfy(outcome ->
        assertThat(((Outcome.Failed<String>) outcome).failure().exception())
            .isInstanceOf(CancelledException.class));
  }

  @Test
  void cancellingFiresWithWhatTheInputsCancellersFireThemWith() {
    Deferred<String> one = new Deferred<>(d -> d.callback("Callback Result"));
    Deferred<String> two = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two));

    all.cancel();

    failureResultOf(two, CancelledException.class);
    List<Outcome<String>> outcomes = successResultOf(all);
    assertThat(outcomes.get(0)).isEqualTo(Outcome.success("Callback Result"));
    assertThat(outcomes.get(1).succeeded()).isFalse();
  }

  @Test
  void cancellingWithFireOnOneErrbackFailsWithTheFirstCancellation() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two), FIRE_ON_ONE_ERRBACK);

    all.cancel();

    failureResultOf(one, CancelledException.class);
    failureResultOf(two, CancelledException.class);
    FirstError first = (FirstError) failureResultOf(all, FirstError.class).exception();
    assertThat(first.index()).isZero();
    assertThat(first.failure().exception()).isInstanceOf(CancelledException.class);
  }

  @Test
  void cancellingWithFireOnOneErrbackWhenEveryCancellerSucceedsFiresWithTheList() {
    Deferred<String> one = new Deferred<>(d -> d.callback("Callback Result"));
    Deferred<String> two = new Deferred<>(d -> d.callback("Callback Result"));
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two), FIRE_ON_ONE_ERRBACK);

    all.cancel();

    assertThat(successResultOf(all))
        .containsExactly(Outcome.success("Callback Result"), Outcome.success("Callback Result"));
  }

  @Test
  void cancellingReachesOnlyTheDeferredsInTheListWhenItWasMade() {
    Deferred<String> one = new Deferred<>();
    List<Deferred<String>> deferreds = new ArrayList<>(List.of(one));
    Deferred<List<Outcome<String>>> all = DeferredList.of(deferreds);
    Deferred<String> added = new Deferred<>();
    deferreds.add(added);

    all.cancel();

    failureResultOf(one, CancelledException.class);
    assertNoResult(added);
    assertThat(successResultOf(all)).hasSize(1);
  }

  @Test
  void aCancellerThatThrowsStillCancelsItsInputAndTheOthers() {
    IllegalStateException thrown = new IllegalStateException("canceller broke");
    Deferred<String> one = new Deferred<>(d -> {
      throw thrown;
    });
    Deferred<String> two = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two));

    all.cancel();

    assertThat(failureResultOf(one, CancelledException.class).exception().getSuppressed())
        .containsExactly(thrown);
    failureResultOf(two, CancelledException.class);
    assertThat(successResultOf(all)).hasSize(2);
  }

  @Test
  void cancellingWhileAnInputIsPausedFailsWithCancelledAndIgnoresItLater() {
    Deferred<String> paused = new Deferred<>();
    paused.callback("value");
    paused.pause();
    Deferred<String> other = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(paused, other));

    all.cancel();
    failureResultOf(all, CancelledException.class);
    paused.unpause();

    assertThat(successResultOf(paused)).isEqualTo("value");
    failureResultOf(other, CancelledException.class);
  }

  @Test
  void cancellingAfterItFiredWithTheFirstFailureLeavesTheOtherInputsAlone() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<List<Outcome<String>>> all = DeferredList.of(List.of(one, two), FIRE_ON_ONE_ERRBACK);
    one.errback(new IOException("test"));

    all.cancel();

    assertNoResult(two);
    failureResultOf(one, IOException.class);
    failureResultOf(all, FirstError.class);
  }

  @Test
  void theListOfOutcomesCannotBeModified() {
    List<Outcome<String>> outcomes = successResultOf(DeferredList.of(List.of(Deferred.succeed("a"))));

    assertThatThrownBy(() -> outcomes.add(Outcome.success("b")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
