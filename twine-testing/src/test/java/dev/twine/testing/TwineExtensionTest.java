package dev.twine.testing;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.defer.Deferred;
import dev.twine.testing.Fixtures.Fixture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

/**
 * Tests of {@link TwineExtension}, run from the outside: each runs a fixture class with JUnit's
 * EngineTestKit and asserts which of its tests passed or failed, and why.
 */
class TwineExtensionTest {

  /** Returns how the test whose method is named {@code method} ended. */
  private static TestExecutionResult resultOf(Events tests, String method) {
    return resultWhere(tests, source -> source instanceof MethodSource m
        && m.getMethodName().equals(method), method);
  }

  /** Returns how the container of the test class {@code fixture} ended. */
  private static TestExecutionResult containerResultOf(Events containers, Class<?> fixture) {
    return resultWhere(containers, source -> source instanceof ClassSource c
        && c.getJavaClass() == fixture, fixture.getName());
  }

  private static TestExecutionResult resultWhere(
      Events events, Predicate<TestSource> source, String described) {
    return events.finished().stream()
        .filter(event -> event.getTestDescriptor().getSource().filter(source).isPresent())
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finished event for " + described));
  }

  private static Throwable thrown(TestExecutionResult result) {
    return result.getThrowable().orElseThrow(() -> new AssertionError("nothing thrown: " + result));
  }

  @Nested
  class UnhandledFailureReports {
    @Test
    void failsATestThatLeavesADeferredFailureUnhandledWithItsTraceback() {
      EngineExecutionResults results = Fixtures.run(UnhandledFailureFixture.class);

      results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
      TestExecutionResult result = resultOf(results.testEvents(), "leavesAFailureUnhandled");
      assertThat(thrown(result))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("Deferred failures left unhandled by the test (1); handle them"
              + " in the chain, or take them with DeferredAssertions.failureResultOf:\n\n"
              + "Unhandled failure 1 of 1:\njava.io.IOException: left behind\n\tat "
              + UnhandledFailureFixture.class.getName() + ".leavesAFailureUnhandled(");
    }

    @Test
    void reportsAFailureOnlyInTheTestThatLeftIt() {
      EngineExecutionResults results = Fixtures.run(UnhandledFailureFixture.class);

      assertThat(resultOf(results.testEvents(), "runsAfterTheLeak").getStatus())
          .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void listsEveryUnhandledFailure() {
      EngineExecutionResults results = Fixtures.run(TwoUnhandledFailuresFixture.class);

      assertThat(thrown(resultOf(results.testEvents(), "leavesTwo")))
          .hasMessageStartingWith("Deferred failures left unhandled by the test (2)")
          .hasMessageContaining("Unhandled failure 1 of 2:\njava.io.IOException: first")
          .hasMessageContaining(
              "Unhandled failure 2 of 2:\njava.lang.IllegalStateException: second");
    }
  }

  @Nested
  class Clocks {
    @Test
    void givesEachTestOneFreshClockSharedByConstructorSetUpAndTest() {
      ClockFixture.seen.clear();

      EngineExecutionResults results = Fixtures.run(ClockFixture.class);

      results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
      assertThat(ClockFixture.seen).hasSize(2);
      assertThat(ClockFixture.seen.get(0)).isNotSameAs(ClockFixture.seen.get(1));
    }

    @Test
    void failsATestThatLeavesDelayedCallsPendingAndListsThem() {
      EngineExecutionResults results = Fixtures.run(PendingCallsFixture.class);

      results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
      assertThat(thrown(resultOf(results.testEvents(), "leavesCallsPending")))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("the Clock still has pending delayed calls (2) at 3.0s after the"
              + " test; cancel them, advance the clock past them, or annotate the test with"
              + " @AllowPendingCalls:\n  DelayedCall[at 5.0s, pending, ")
          .hasMessageContaining("\n  DelayedCall[at 60.0s, pending, ");
    }

    @Test
    void handsAMemoryReactorOnTheTestsClockAndReportsWorkItNeverRan() {
      EngineExecutionResults results = Fixtures.run(MemoryReactorFixture.class);

      results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
      assertThat(thrown(resultOf(results.testEvents(), "leavesAThreadCallUnrun")))
          .hasMessage("the MemoryReactor still has 1 callFromThread call(s) and 0 callInThread"
              + " task(s) that never ran; run them with runPendingCalls() / runThreadWork(), or"
              + " annotate the test with @AllowPendingCalls");
      assertThat(thrown(resultOf(results.testEvents(), "leavesATimerPending")))
          .hasMessageStartingWith("the Clock still has pending delayed calls (1) at 0.0s");
    }

    @Test
    void letsAClassAndItsNestedClassesAllowPendingCalls() {
      EngineExecutionResults results = Fixtures.run(AllowedPendingCallsFixture.class);

      results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void checksAClockOfThePerClassLifecycleAfterAllTests() {
      EngineExecutionResults results = Fixtures.run(PerClassFixture.class);

      results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
      assertThat(thrown(containerResultOf(results.containerEvents(), PerClassFixture.class)))
          .hasMessageStartingWith("the Clock still has pending delayed calls (1) at 0.0s");
    }
  }

  @Nested
  class Reporting {
    @Test
    void keepsTheTestsOwnFailureAndSuppressesTheFindingsUnderIt() {
      EngineExecutionResults results = Fixtures.run(ReportingFixture.class);

      Throwable failure = thrown(resultOf(results.testEvents(), "failsOnItsOwn"));
      assertThat(failure).hasMessage("the test's own failure");
      assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).satisfiesExactly(
          unhandled -> assertThat(unhandled).startsWith("Deferred failures left unhandled"),
          pending -> assertThat(pending).startsWith("the Clock still has pending delayed calls"));
    }

    @Test
    void failsWithTheFirstFindingAndSuppressesTheOthers() {
      EngineExecutionResults results = Fixtures.run(ReportingFixture.class);

      Throwable failure = thrown(resultOf(results.testEvents(), "leavesBoth"));
      assertThat(failure).hasMessageStartingWith("Deferred failures left unhandled");
      assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage)
          .asString().startsWith("the Clock still has pending delayed calls");
    }

    @Test
    void leavesAnAbortedTestAbortedWithTheFindingsSuppressed() {
      EngineExecutionResults results = Fixtures.run(ReportingFixture.class);

      TestExecutionResult result = resultOf(results.testEvents(), "abortsOnAnAssumption");
      assertThat(result.getStatus()).isEqualTo(Status.ABORTED);
      assertThat(thrown(result).getSuppressed()).singleElement().extracting(Throwable::getMessage)
          .asString().startsWith("the Clock still has pending delayed calls");
    }
  }

  @Fixture
  @TwineTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class UnhandledFailureFixture {
    @Test
    @Order(1)
    void leavesAFailureUnhandled() {
      Deferred.fail(new IOException("left behind"));
    }

    @Test
    @Order(2)
    void runsAfterTheLeak() {}

    @Test
    @Order(3)
    void takesItsFailure() {
      failureResultOf(Deferred.fail(new IOException("taken")), IOException.class);
    }
  }

  @Fixture
  @TwineTest
  static class TwoUnhandledFailuresFixture {
    @Test
    void leavesTwo() {
      Deferred.fail(new IOException("first"));
      Deferred.succeed("x").map(value -> {
        throw new IllegalStateException("second");
      });
    }
  }

  @Fixture
  @TwineTest
  static class ClockFixture {
    static final List<Clock> seen = new ArrayList<>();
    private final Clock constructed;
    private Clock setUp;

    ClockFixture(Clock clock) {
      constructed = clock;
    }

    @BeforeEach
    void setUp(Clock clock) {
      setUp = clock;
    }

    @Test
    void first(Clock clock) {
      check(clock);
    }

    @Test
    void second(Clock clock) {
      check(clock);
    }

    private void check(Clock clock) {
      assertSame(constructed, clock);
      assertSame(setUp, clock);
      seen.add(clock);
    }
  }

  @Fixture
  @ExtendWith(TwineExtension.class)
  static class PendingCallsFixture {
    @Test
    void leavesCallsPending(Clock clock) {
      clock.callLater(ofSeconds(60), () -> {});
      clock.callLater(ofSeconds(5), () -> {});
      clock.advance(ofSeconds(3));
    }

    @Test
    void cancelsItsCall(Clock clock) {
      clock.callLater(ofSeconds(5), () -> {}).cancel();
    }

    @Test
    void runsItsCall(Clock clock) {
      clock.callLater(ofSeconds(5), () -> {});
      clock.advance(ofSeconds(5));
    }

    @Test
    @AllowPendingCalls
    void leavesACallPendingOnPurpose(Clock clock) {
      clock.callLater(ofSeconds(5), () -> {});
    }
  }

  @Fixture
  @TwineTest
  static class MemoryReactorFixture {
    @Test
    void sharesTheClockOfTheTest(Clock clock, MemoryReactor reactor) {
      assertSame(clock, reactor.clock());
      reactor.callLater(ofSeconds(1), () -> {});
      clock.advance(ofSeconds(1));
    }

    @Test
    void leavesAThreadCallUnrun(MemoryReactor reactor) {
      reactor.callFromThread(() -> {});
    }

    @Test
    void leavesATimerPending(MemoryReactor reactor) {
      reactor.callLater(ofSeconds(5), () -> {});
    }
  }

  @Fixture
  @TwineTest
  @AllowPendingCalls
  static class AllowedPendingCallsFixture {
    @Test
    void leavesACallPending(Clock clock) {
      clock.callLater(ofSeconds(5), () -> {});
    }

    @Nested
    class Inner {
      @Test
      void leavesACallPendingToo(Clock clock) {
        clock.callLater(ofSeconds(5), () -> {});
      }
    }
  }

  @Fixture
  @TwineTest
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassFixture {
    private final Clock clock;

    PerClassFixture(Clock clock) {
      this.clock = clock;
    }

    @Test
    void leavesACallForLaterTests() {
      clock.callLater(ofSeconds(5), () -> {});
    }

    @Test
    void passes() {}
  }

  @Fixture
  @TwineTest
  static class ReportingFixture {
    @Test
    void failsOnItsOwn(Clock clock) {
      leaveBoth(clock);
      throw new AssertionError("the test's own failure");
    }

    @Test
    void leavesBoth(Clock clock) {
      leaveBoth(clock);
    }

    @Test
    void abortsOnAnAssumption(Clock clock) {
      clock.callLater(ofSeconds(5), () -> {});
      Assumptions.assumeTrue(false, "not here");
    }

    private static void leaveBoth(Clock clock) {
      clock.callLater(ofSeconds(5), () -> {});
      Deferred.fail(new IOException("left behind"));
    }
  }
}
