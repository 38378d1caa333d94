package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.defer.DeferredList.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every combination of flags, outcomes and firing orders, checked against a model of Twisted's
 * DeferredList: when the combined Deferred fires, with what, and what the inputs go on with.
 */
class DeferredListPropertyTest {

  /** Which inputs fail, the order they fire in, and the flags. */
  record Scenario(List<Boolean> fails, List<Integer> order, Options options) {

    Outcome<String> outcomeOf(int index) {
      return fails.get(index)
          ? Outcome.failed(Failure.of(new IOException("failure " + index)))
          : Outcome.success("value " + index);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.of(true, false).list().ofMaxSize(6).flatMap(fails -> Combinators.combine(
            Arbitraries.shuffle(IntStream.range(0, fails.size()).boxed().toList()),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as((order, fireOnOneErrback, consumeErrors) ->
            new Scenario(fails, order, new Options(fireOnOneErrback, consumeErrors))));
  }

  @Property(tries = 300)
  void ofFiresAsTwistedsDeferredListDoes(@ForAll("scenarios") Scenario scenario) {
    List<Deferred<String>> inputs = inputs(scenario);
    Deferred<List<Outcome<String>>> result = DeferredList.of(inputs, scenario.options());

    Fired<List<Outcome<String>>> fired = fire(scenario, inputs, result);

    int firstFailure = firstFailureInOrder(scenario);
    if (scenario.options().fireOnOneErrback() && firstFailure >= 0) {
      assertThat(fired.afterInputs).isEqualTo(scenario.order().indexOf(firstFailure) + 1);
      assertFirstError(fired.outcome, scenario, firstFailure);
    } else {
      assertThat(fired.afterInputs).isEqualTo(inputs.size());
      List<Outcome<String>> expected = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        expected.add(scenario.outcomeOf(i));
      }
      assertThat(((Outcome.Success<List<Outcome<String>>>) fired.outcome).value())
          .usingElementComparator((a, b) -> describe(a).compareTo(describe(b)))
          .containsExactlyElementsOf(expected);
    }
    assertInputsGoOn(scenario, inputs);
  }

  @Property(tries = 300)
  void firstSuccessFiresAsTwistedsFireOnOneCallbackDoes(@ForAll("scenarios") Scenario scenario) {
    List<Deferred<String>> inputs = inputs(scenario);
    Deferred<Indexed<String>> result = DeferredList.firstSuccess(inputs, scenario.options());

    Fired<Indexed<String>> fired = fire(scenario, inputs, result);

    int decisive = -1;
    for (int index : scenario.order()) {
      if (!scenario.fails().get(index) || scenario.options().fireOnOneErrback()) {
        decisive = index;
        break;
      }
    }
    if (decisive < 0) {
      assertThat(fired.afterInputs).isEqualTo(inputs.size());
      Throwable group = ((Outcome.Failed<Indexed<String>>) fired.outcome).failure().exception();
      assertThat(((FailureGroup) group).failures())
          .extracting(Failure::message)
          .containsExactlyElementsOf(
              IntStream.range(0, inputs.size()).mapToObj(i -> "failure " + i).toList());
    } else {
      assertThat(fired.afterInputs).isEqualTo(scenario.order().indexOf(decisive) + 1);
      if (scenario.fails().get(decisive)) {
        assertFirstError(fired.outcome, scenario, decisive);
      } else {
        assertThat(((Outcome.Success<Indexed<String>>) fired.outcome).value())
            .isEqualTo(new Indexed<>(decisive, "value " + decisive));
      }
    }
    assertInputsGoOn(scenario, inputs);
  }

  /** When the combined Deferred fired (after how many inputs had fired), and with what. */
  private record Fired<R>(int afterInputs, Outcome<R> outcome) {}

  private static List<Deferred<String>> inputs(Scenario scenario) {
    List<Deferred<String>> inputs = new ArrayList<>();
    for (int i = 0; i < scenario.fails().size(); i++) {
      inputs.add(new Deferred<>());
    }
    return inputs;
  }

  private static <R> Fired<R> fire(
      Scenario scenario, List<Deferred<String>> inputs, Deferred<R> result) {
    List<Fired<R>> seen = new ArrayList<>();
    int[] firedInputs = {0};
    result.always(outcome -> seen.add(new Fired<>(firedInputs[0], outcome)));
    for (int index : scenario.order()) {
      firedInputs[0]++;
      switch (scenario.outcomeOf(index)) {
        case Outcome.Success<String> success -> inputs.get(index).callback(success.value());
        case Outcome.Failed<String> failed -> inputs.get(index).errback(failed.failure());
      }
    }
    assertThat(seen).hasSize(1);
    result.recover(failure -> null);
    return seen.get(0);
  }

  private static int firstFailureInOrder(Scenario scenario) {
    return scenario.order().stream().filter(scenario.fails()::get).findFirst().orElse(-1);
  }

  private static void assertFirstError(Outcome<?> outcome, Scenario scenario, int index) {
    Throwable error = ((Outcome.Failed<?>) outcome).failure().exception();
    assertThat(error).isInstanceOf(FirstError.class);
    assertThat(((FirstError) error).index()).isEqualTo(index);
    assertThat(((FirstError) error).failure().message()).isEqualTo("failure " + index);
  }

  private static void assertInputsGoOn(Scenario scenario, List<Deferred<String>> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      if (!scenario.fails().get(i)) {
        assertThat(successResultOf(inputs.get(i))).isEqualTo("value " + i);
      } else if (scenario.options().consumeErrors()) {
        assertThat(successResultOf(inputs.get(i))).isNull();
      } else {
        assertThat(failureResultOf(inputs.get(i), IOException.class).message()).isEqualTo("failure " + i);
      }
    }
  }

  private static String describe(Outcome<String> outcome) {
    return switch (outcome) {
      case Outcome.Success<String> success -> "success " + success.value();
      case Outcome.Failed<String> failed -> "failed " + failed.failure().message();
    };
  }
}
