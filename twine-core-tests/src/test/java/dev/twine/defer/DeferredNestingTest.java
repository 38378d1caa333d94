package dev.twine.defer;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps that return Deferreds, and {@code chainDeferred}. */
class DeferredNestingTest {
  private final List<Object> events = new ArrayList<>();

  @Test
  void aStepReturningAFiredDeferredContinuesAtOnceAndStealsItsResult() {
    Deferred<String> inner = Deferred.succeed("inner result");
    Deferred<String> outer = new Deferred<>();
    outer.flatMap(ignored -> inner);

    outer.callback("go");

    assertThat(successResultOf(inner)).isNull();
    assertThat(successResultOf(outer)).isEqualTo("inner result");
  }

  @Test
  void aStepReturningAFailedDeferredStealsTheFailureWhichIsNoLongerUnhandledThere() {
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<String> inner = Deferred.fail(new IllegalStateException("inner failure"));
      assertThat(recording.unhandled()).hasSize(1);
      Deferred<String> outer = Deferred.succeed("go").flatMap(ignored -> inner);

      assertThat(successResultOf(inner)).isNull();
      assertThat(failureResultOf(outer, IllegalStateException.class).message()).isEqualTo("inner failure");
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void aStepReturningAnUnfiredDeferredPausesTheChainUntilItFires() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("go");
    outer.flatMap(ignored -> inner).map(v -> v + " then more");

    assertNoResult(outer);
    assertThat(outer.paused()).as("waiting is not a user pause").isFalse();
    inner.callback("inner result");

    assertThat(successResultOf(inner)).isNull();
    assertThat(successResultOf(outer)).isEqualTo("inner result then more");
  }

  @Test
  void anUnfiredInnerDeferredThatFailsHandsItsFailureOn() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("go");
    outer.flatMap(ignored -> inner);
    List<Failure> errors = new ArrayList<>();
    outer.onFailure(errors::add);

    inner.errback(new IllegalStateException("inner failure"));

    assertThat(errors).singleElement().extracting(Failure::message).isEqualTo("inner failure");
    assertThat(successResultOf(inner)).isNull();
    assertThat(failureResultOf(outer, IllegalStateException.class)).isEqualTo(errors.get(0));
  }

  @Test
  void stepsOfTheInnerDeferredRunBeforeTheOuterChainGoesOn() {
    Deferred<String> inner = new Deferred<>();
    inner.map(v -> {
      events.add("inner step " + v);
      return v.toUpperCase();
    });
    Deferred<String> outer = Deferred.succeed("go");
    outer.flatMap(ignored -> inner).onSuccess(v -> events.add("outer step " + v));

    inner.callback("x");

    assertThat(events).containsExactly("inner step x", "outer step X");
  }

  @Test
  void chainingThroughReturnedDeferredsIsTransitive() {
    Deferred<Object> first = new Deferred<>();
    Deferred<Object> second = new Deferred<>();
    Deferred<Object> third = new Deferred<>();
    second.flatMap(ignored -> first);
    third.flatMap(ignored -> second).onSuccess(events::add);
    Object result = new Object();

    second.callback("waits for first");
    third.callback("waits for second");
    assertThat(events).isEmpty();

    first.callback(result);
    assertThat(events).containsExactly(result);
  }

  @Test
  void stepsAddedToAMiddleDeferredAfterTheChainIsMadeRunWhenTheLastFires() {
    Deferred<Object> first = new Deferred<>();
    Deferred<Object> second = new Deferred<>();
    Deferred<Object> third = new Deferred<>();
    first.flatMap(ignored -> second);
    second.flatMap(ignored -> third);
    second.callback("a");
    first.callback("b");
    third.callback("c");

    second.onSuccess(events::add);

    assertThat(events).containsExactly((Object) null);
  }

  @Test
  void nestedAsynchronousChainedDeferredsContinueInOrder() {
    Deferred<String> inner = new Deferred<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<String> outer = Deferred.succeed("outer");
    outer
        .flatMap(result -> {
          events.add("start-of-cb " + result);
          Deferred<String> middle = Deferred.succeed("inner");
          middle
              .flatMap(v -> {
                events.add("firstCallback " + v);
                return inner;
              })
              .map(v -> {
                events.add("secondCallback " + v);
                return v + v;
              })
              .onFailure(failures::add);
          return middle;
        })
        .onSuccess(events::add);
    assertThat(events).containsExactly("start-of-cb outer", "firstCallback inner");

    inner.callback("orange");

    inner.onFailure(failures::add);
    outer.onFailure(failures::add);
    assertThat(failures).isEmpty();
    assertThat(events).containsExactly(
        "start-of-cb outer", "firstCallback inner", "secondCallback orange", "orangeorange");
  }

  @Test
  void nestedAsynchronousChainedDeferredsWithExtraCallbacksOnTheInnerOne() {
    Deferred<String> inner = new Deferred<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<String> outer = Deferred.succeed("outer");
    outer
        .flatMap(result -> {
          events.add("start-of-cb " + result);
          return Deferred.succeed("inner")
              .flatMap(v -> {
                events.add("firstCallback " + v);
                return inner.map(List::of);
              })
              .map(list -> {
                events.add("secondCallback " + list);
                List<String> doubled = new ArrayList<>(list);
                doubled.addAll(list);
                return doubled;
              })
              .onFailure(failures::add);
        })
        .onSuccess(events::add);
    assertThat(events).containsExactly("start-of-cb outer", "firstCallback inner");

    inner.callback("withers");

    outer.onFailure(failures::add);
    inner.onFailure(failures::add);
    assertThat(failures).isEmpty();
    assertThat(events).containsExactly(
        "start-of-cb outer", "firstCallback inner", "secondCallback [withers]",
        List.of("withers", "withers"));
  }

  /** The middle Deferred's own steps run after the innermost fires, before the outer goes on. */
  @Test
  void innerStepsArePreservedWhenTheInnermostFiresBeforeTheOuterGoesOn() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("outer");
    outer.flatMap(result -> {
      events.add("start-of-cb " + result);
      Deferred<String> middle = Deferred.succeed("inner");
      middle
          .flatMap(v -> {
            events.add("firstCallback " + v);
            return inner;
          })
          .map(v -> {
            events.add("secondCallback " + v);
            return v + v;
          });
      return middle;
    });

    inner.callback("orange");
    outer.onSuccess(events::add);

    assertThat(events).containsExactly(
        "start-of-cb outer", "firstCallback inner", "secondCallback orange", "orangeorange");
  }

  /** The step that resumes the outer chain is queued behind the middle Deferred's other steps. */
  @Test
  void theOuterChainResumesAfterTheStepsAlreadyQueuedOnTheDeferredItWaitsFor() {
    Deferred<String> last = new Deferred<>();
    Deferred<String> outer = Deferred.succeed("outer");
    outer
        .flatMap(result -> {
          events.add("cb " + result);
          Deferred<String> middle = new Deferred<>();
          middle
              .flatMap(v -> {
                events.add("firstCallback " + v);
                return last;
              })
              .onSuccess(v -> events.add("secondCallback " + v));
          middle.callback("middle");
          return middle;
        })
        .onSuccess(v -> events.add("final " + v));
    assertThat(events).containsExactly("cb outer", "firstCallback middle");

    last.callback("withers");

    assertThat(events).containsExactly(
        "cb outer", "firstCallback middle", "secondCallback withers", "final withers");
  }

  @Test
  void aStepReturningNullInsteadOfADeferredFails() {
    Deferred<String> deferred = Deferred.succeed("x");

    deferred.flatMap(v -> null);

    assertThat(failureResultOf(deferred, NullPointerException.class).message()).contains("null");
  }

  @Test
  void aStepReturningItsOwnDeferredFails() {
    Deferred<String> deferred = new Deferred<>();
    deferred.flatMap(v -> deferred);

    deferred.callback("foo");

    assertThat(failureResultOf(deferred, IllegalStateException.class).message()).contains("own Deferred");
  }

  @Test
  void chainDeferredFiresTheOtherWithTheResultAndGoesOnWithNull() {
    Deferred<String> source = new Deferred<>();
    Deferred<String> target = new Deferred<>();
    target.onSuccess(v -> events.add("target got " + v));
    Deferred<Void> rest = source.chainDeferred(target);
    rest.onSuccess(v -> events.add("source went on with " + v));

    source.callback("value");

    assertThat(events).containsExactly("target got value", "source went on with null");
    assertThat(successResultOf(target)).isEqualTo("value");
  }

  @Test
  void chainDeferredHandsAFailureToTheOtherAndTheSourceGoesOnWithNull() {
    try (UnhandledFailures.Recording recording = UnhandledFailures.record()) {
      Deferred<String> source = new Deferred<>();
      Deferred<String> target = new Deferred<>();
      Deferred<Void> rest = source.chainDeferred(target);

      source.errback(new IllegalStateException("handed on"));

      assertThat(recording.unhandled()).singleElement().extracting(Failure::message).isEqualTo("handed on");
      assertThat(successResultOf(rest)).isNull();
      assertThat(failureResultOf(target, IllegalStateException.class).message()).isEqualTo("handed on");
      assertThat(recording.unhandled()).isEmpty();
    }
  }

  @Test
  void chainDeferredToAnAlreadyFiredDeferredGoesOnWithAlreadyCalled() {
    Deferred<String> source = Deferred.succeed("late");
    Deferred<String> target = Deferred.succeed("first");

    Deferred<Void> rest = source.chainDeferred(target);

    assertThat(failureResultOf(rest, AlreadyCalledException.class)).isNotNull();
    assertThat(successResultOf(target)).isEqualTo("first");
  }

  @Test
  void chainDeferredToACancelledDeferredIsSilentlyDroppedOnce() {
    Deferred<String> target = new Deferred<>();
    target.cancel();
    Deferred<String> first = Deferred.succeed("first");
    Deferred<String> second = Deferred.succeed("second");

    Deferred<Void> absorbed = first.chainDeferred(target);
    Deferred<Void> refused = second.chainDeferred(target);

    assertThat(successResultOf(absorbed)).isNull();
    assertThat(failureResultOf(refused, AlreadyCalledException.class)).isNotNull();
    assertThat(failureResultOf(target, CancelledException.class)).isNotNull();
  }

  @Test
  void chainDeferredToItselfIsRejected() {
    Deferred<String> deferred = new Deferred<>();

    assertThatThrownBy(() -> deferred.chainDeferred(deferred))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTargetsWholeChainRunsBeforeTheSourceGoesOn() {
    Deferred<String> source = new Deferred<>();
    Deferred<String> target = new Deferred<>();
    target
        .onSuccess(v -> {
          events.add("target 1");
          source.onSuccess(w -> events.add("added to source"));
        })
        .onSuccess(v -> events.add("target 2"));
    source.chainDeferred(target).onSuccess(v -> events.add("source after chain"));

    source.callback("x");

    assertThat(events).containsExactly("target 1", "target 2", "source after chain", "added to source");
  }

  @Test
  void chainedDeferredsPassTheResultAlong() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<String> c = new Deferred<>();
    a.chainDeferred(b);
    b.map(String::toUpperCase).chainDeferred(c);

    a.callback("x");

    assertThat(successResultOf(c)).isEqualTo("X");
  }
}
