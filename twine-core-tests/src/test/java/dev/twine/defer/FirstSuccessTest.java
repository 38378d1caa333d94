package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.defer.DeferredList.Options;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstSuccessTest {

  @Test
  void firesWithTheFirstSuccessAndItsIndexWithoutWaitingOrCancelling() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<String> three = new Deferred<>();
    Deferred<Indexed<String>> first = DeferredList.firstSuccess(List.of(one, two, three));

    one.errback(new IOException("one"));
    assertNoResult(first);
    three.callback("three");

    assertThat(successResultOf(first)).isEqualTo(new Indexed<>(2, "three"));
    assertNoResult(two);
    assertThat(successResultOf(three)).isEqualTo("three");
    failureResultOf(one, IOException.class);
  }

  @Test
  void laterSuccessesChangeNothing() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<Indexed<String>> first = DeferredList.firstSuccess(List.of(one, two));

    two.callback("two");
    one.callback("one");

    assertThat(successResultOf(first)).isEqualTo(new Indexed<>(1, "two"));
  }

  @Test
  void anInputThatAlreadySucceededWinsAtOnce() {
    Deferred<String> pending = new Deferred<>();

    Deferred<Indexed<String>> first =
        DeferredList.firstSuccess(List.of(pending, Deferred.succeed("done")));

    assertThat(successResultOf(first)).isEqualTo(new Indexed<>(1, "done"));
  }

  @Test
  void whenEveryInputFailsItFailsWithAllTheFailuresInTheOrderOfTheList() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    IOException first = new IOException("one");
    IOException second = new IOException("two");
    Deferred<Indexed<String>> result =
        DeferredList.firstSuccess(List.of(one, two), Options.DEFAULT.withConsumeErrors(true));

    two.errback(second);
    assertNoResult(result);
    one.errback(first);

    FailureGroup group = (FailureGroup) failureResultOf(result, FailureGroup.class).exception();
    assertThat(group.failures()).containsExactly(Failure.of(first), Failure.of(second));
  }

  @Test
  void anEmptyListFailsAtOnceWithAnEmptyGroup() {
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(List.<Deferred<String>>of());

    FailureGroup group = (FailureGroup) failureResultOf(result, FailureGroup.class).exception();
    assertThat(group.failures()).isEmpty();
  }

  @Test
  void withFireOnOneErrbackAFirstFailureFails() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Options options = Options.DEFAULT.withFireOnOneErrback(true).withConsumeErrors(true);
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(List.of(one, two), options);

    two.errback(new IOException("two"));
    one.callback("one");

    FirstError error = (FirstError) failureResultOf(result, FirstError.class).exception();
    assertThat(error.index()).isEqualTo(1);
  }

  @Test
  void withFireOnOneErrbackAFirstSuccessSucceeds() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Options options = Options.DEFAULT.withFireOnOneErrback(true);
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(List.of(one, two), options);

    one.callback("one");
    two.errback(new IOException("two"));

    assertThat(successResultOf(result)).isEqualTo(new Indexed<>(0, "one"));
    failureResultOf(two, IOException.class);
  }

  @Test
  void withConsumeErrorsTheFailedInputsGoOnWithNull() {
    Deferred<String> one = new Deferred<>();
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Options consume = Options.DEFAULT.withConsumeErrors(true);
      DeferredList.firstSuccess(List.of(one, new Deferred<>()), consume);
      one.errback(new IOException("one"));

      assertThat(successResultOf(one)).isNull();
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void cancellingCancelsEveryInputAndFailsWithTheirCancellations() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(List.of(one, two));

    result.cancel();

    failureResultOf(one, CancelledException.class);
    failureResultOf(two, CancelledException.class);
    FailureGroup group = (FailureGroup) failureResultOf(result, FailureGroup.class).exception();
    assertThat(group.failures())
        .allSatisfy(failure ->
            assertThat(failure.exception()).isInstanceOf(CancelledException.class));
  }

  @Test
  void cancellingFiresWithAnInputThatItsCancellerMakesSucceed() {
    Deferred<String> one = new Deferred<>(d -> d.callback("Callback Result"));
    Deferred<String> two = new Deferred<>();
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(List.of(one, two));

    result.cancel();

    failureResultOf(two, CancelledException.class);
    assertThat(successResultOf(result)).isEqualTo(new Indexed<>(0, "Callback Result"));
  }

  @Test
  void cancellingAfterTheFirstSuccessLeavesTheOtherInputsAlone() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(List.of(one, two));
    one.callback("one");

    result.cancel();

    assertNoResult(two);
    assertThat(successResultOf(result)).isEqualTo(new Indexed<>(0, "one"));
  }
}
