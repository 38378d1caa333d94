package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RaceTest {

  /** Deferreds that never fire by themselves, and how often each was cancelled. */
  private static final class Contestants {
    final int[] cancelled;
    final List<Deferred<String>> deferreds = new ArrayList<>();

    Contestants(int count) {
      cancelled = new int[count];
      for (int i = 0; i < count; i++) {
        int index = i;
        deferreds.add(new Deferred<>(d -> cancelled[index]++));
      }
    }
  }

  static Stream<Arguments> positions() {
    return IntStream.rangeClosed(0, 3)
        .boxed()
        .flatMap(before ->
            IntStream.rangeClosed(0, 3).mapToObj(after -> Arguments.of(before, after)));
  }

  @ParameterizedTest(name = "{0} before the winner, {1} after")
  @MethodSource("positions")
  void theFirstSuccessWinsAndTheOthersAreCancelledOnce(int before, int after) {
    Contestants contestants = new Contestants(before + 1 + after);
    Deferred<Indexed<String>> race = DeferredList.race(contestants.deferreds);

    contestants.deferreds.get(before).callback("winner");

    assertThat(successResultOf(race)).isEqualTo(new Indexed<>(before, "winner"));
    int[] expected = new int[before + 1 + after];
    Arrays.fill(expected, 1);
    expected[before] = 0;
    assertThat(contestants.cancelled).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0} before the last, {1} after")
  @MethodSource("positions")
  void whenAllFailItFailsWithEveryFailureInTheOrderOfTheList(int before, int after) {
    Contestants contestants = new Contestants(before + 1 + after);
    List<Deferred<String>> deferreds = contestants.deferreds;
    Deferred<Indexed<String>> race = DeferredList.race(deferreds);
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < deferreds.size(); i++) {
      failures.add(Failure.of(new IOException("failure " + i)));
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, deferreds.size()).boxed().toList());
    Collections.reverse(order);

    for (int i : order) {
      deferreds.get(i).errback(failures.get(i));
    }

    FailureGroup group = (FailureGroup) failureResultOf(race, FailureGroup.class).exception();
    assertThat(group.failures()).containsExactlyElementsOf(failures);
    assertThat(contestants.cancelled).containsOnly(0);
  }

  @Test
  void aResultAfterCancellationGoesNowhereAndNothingIsLeftUnhandled() {
    List<Deferred<String>> deferreds =
        List.of(new Deferred<>(), new Deferred<>(), new Deferred<>());
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<Indexed<String>> race = DeferredList.race(deferreds);
      deferreds.get(1).callback("first");
      deferreds.get(2).callback("late");

      assertThat(successResultOf(race)).isEqualTo(new Indexed<>(1, "first"));
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void aLoserWhoseCancellerMakesItSucceedDoesNotChangeTheWinner() {
    Deferred<String> winner = new Deferred<>();
    Deferred<String> loser = new Deferred<>(d -> d.callback("from the canceller"));
    Deferred<Indexed<String>> race = DeferredList.race(List.of(winner, loser));

    winner.callback("winner");

    assertThat(successResultOf(race)).isEqualTo(new Indexed<>(0, "winner"));
  }

  @Test
  void theInputsGoOnWithNull() {
    Deferred<String> winner = new Deferred<>();
    Deferred<String> loser = new Deferred<>();
    DeferredList.race(List.of(winner, loser));

    winner.callback("winner");

    assertThat(successResultOf(winner)).isNull();
    assertThat(successResultOf(loser)).isNull();
  }

  @Test
  void anInputThatAlreadySucceededWinsAtOnce() {
    Contestants contestants = new Contestants(2);
    List<Deferred<String>> deferreds =
        List.of(contestants.deferreds.get(0), Deferred.succeed("done"));

    Deferred<Indexed<String>> race = DeferredList.race(deferreds);

    assertThat(successResultOf(race)).isEqualTo(new Indexed<>(1, "done"));
    assertThat(contestants.cancelled[0]).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} inputs")
  @MethodSource("counts")
  void cancellingCancelsEveryInputAndFailsWithTheirFailures(int count) {
    Contestants contestants = new Contestants(count);
    Deferred<Indexed<String>> race = DeferredList.race(contestants.deferreds);

    race.cancel();

    assertThat(contestants.cancelled).containsOnly(1);
    FailureGroup group = (FailureGroup) failureResultOf(race, FailureGroup.class).exception();
    assertThat(group.failures()).hasSize(count);
  }

  static IntStream counts() {
    return IntStream.rangeClosed(1, 3);
  }

  @Test
  void cancellingWhenACancellerMakesItsInputSucceedFiresWithThatInput() {
    Deferred<String> one = new Deferred<>();
    Deferred<String> two = new Deferred<>(d -> d.callback("from the canceller"));
    Deferred<Indexed<String>> race = DeferredList.race(List.of(one, two));

    race.cancel();

    assertThat(successResultOf(race)).isEqualTo(new Indexed<>(1, "from the canceller"));
  }

  @Test
  void anEmptyRaceFailsAtOnceWithAnEmptyGroup() {
    Deferred<Indexed<String>> race = DeferredList.race(List.<Deferred<String>>of());

    FailureGroup group = (FailureGroup) failureResultOf(race, FailureGroup.class).exception();
    assertThat(group.failures()).isEmpty();
    assertThat(group).hasMessage("no Deferred to succeed: the list was empty");
  }

  @Test
  void aPendingRaceHasNoResult() {
    Deferred<Indexed<String>> race = DeferredList.race(List.of(new Deferred<>(), new Deferred<>()));

    assertNoResult(race);
  }
}
