package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatherResultsTest {

  @Test
  void firesWithTheValuesInTheOrderOfTheList() {
    Deferred<Integer> one = new Deferred<>();
    Deferred<Integer> two = new Deferred<>();
    Deferred<List<Integer>> all = DeferredList.gatherResults(List.of(one, two));

    two.callback(2);
    assertNoResult(all);
    one.callback(1);

    assertThat(successResultOf(all)).containsExactly(1, 2);
  }

  @Test
  void valuesMayBeNull() {
    Deferred<List<Void>> all = DeferredList.gatherResults(List.of(Deferred.<Void>succeed(null)));

    assertThat(successResultOf(all)).containsExactly((Void) null);
  }

  @Test
  void anEmptyListFiresAtOnce() {
    assertThat(successResultOf(DeferredList.gatherResults(List.<Deferred<String>>of()))).isEmpty();
  }

  @Test
  void theFirstFailureFailsItWithAFirstErrorAndLeavesTheFailureOnTheInput() {
    Deferred<Integer> one = new Deferred<>();
    Deferred<Integer> two = new Deferred<>();
    IOException error = new IOException("two");
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<List<Integer>> all = DeferredList.gatherResults(List.of(one, two));
      two.errback(error);

      FirstError first = (FirstError) failureResultOf(all, FirstError.class).exception();
      assertThat(first.index()).isEqualTo(1);
      assertThat(first.failure().exception()).isSameAs(error);
      assertThat(recording.unhandled()).containsExactly(Failure.of(error));
      failureResultOf(two, IOException.class);
      assertNoResult(one);
    }
  }

  @Test
  void withConsumeErrorsTheInputsFailuresAreHandled() {
    Deferred<Integer> good = Deferred.succeed(1);
    Deferred<Integer> bad = Deferred.fail(new IllegalStateException("oh noes"));
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<List<Integer>> all = DeferredList.gatherResults(List.of(good, bad), true);
      List<Failure> unconsumed = new ArrayList<>();
      bad.onFailure(unconsumed::add);

      assertThat(unconsumed).isEmpty();
      FirstError first = (FirstError) failureResultOf(all, FirstError.class).exception();
      assertThat(first.failure().exception()).isInstanceOf(IllegalStateException.class);
      assertThat(successResultOf(bad)).isNull();
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void cancellingCancelsEveryInputAndFailsWithTheFirstCancellation() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>();
    Deferred<List<String>> all = DeferredList.gatherResults(List.of(one, two));

    all.cancel();

    failureResultOf(one, CancelledException.class);
    failureResultOf(two, CancelledException.class);
    FirstError first = (FirstError) failureResultOf(all, FirstError.class).exception();
    assertThat(first.index()).isZero();
    assertThat(first.failure().exception()).isInstanceOf(CancelledException.class);
  }

  @Test
  void cancellingWhenEveryCancellerSucceedsFiresWithTheirValues() {
    Deferred<String> one = new Deferred<>(d -> d.callback("Callback Result"));
    Deferred<String> two = new Deferred<>(d -> d.callback("Callback Result"));
    Deferred<List<String>> all = DeferredList.gatherResults(List.of(one, two));

    all.cancel();

    assertThat(successResultOf(all)).containsExactly("Callback Result", "Callback Result");
  }

  @Test
  void theListOfValuesCannotBeModified() {
    List<String> values = successResultOf(DeferredList.gatherResults(List.of(Deferred.succeed("a"))));

    assertThatThrownBy(() -> values.add("b")).isInstanceOf(UnsupportedOperationException.class);
  }
}
