package dev.twine.testing;

import dev.twine.internet.DelayedCall;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A kind of object that {@link TwineExtension} hands to tests as a parameter, one per test, and
 * inspects after the test for work left behind, as trial checks its reactor for a dirty state.
 *
 * @param type the parameter type it is handed for
 * @param factory makes a fresh one
 * @param leftovers describes what one still holds after the test
 */
record TestResource<T>(
    Class<T> type, Function<Checklist, ? extends T> factory, Leftovers<? super T> leftovers) {

  /** A Clock; the one MemoryReactor of the same test takes its time from it. */
  static final TestResource<Clock> CLOCK = new TestResource<>(Clock.class, checklist -> new Clock(),
      (clock, context) -> pendingCalls("the Clock", clock.seconds(), clock.pendingCalls(), context));

  /**
   * A MemoryReactor on the test's Clock: its delayed calls are checked as the Clock's, and calls
   * handed to it with {@code callFromThread} or {@code callInThread} that never ran are reported.
   */
  static final TestResource<MemoryReactor> MEMORY_REACTOR = new TestResource<>(MemoryReactor.class,
      checklist -> new MemoryReactor(checklist.resource(CLOCK)),
      (reactor, context) -> unrunWork(reactor, context));

  /** The kinds the extension knows, looked up by exact parameter type. */
  static final List<TestResource<?>> KNOWN = List.of(CLOCK, MEMORY_REACTOR);

  /** Returns the kind handed for parameters of exactly {@code type}, if any. */
  static Optional<TestResource<?>> forType(Class<?> type) {
    return KNOWN.stream().filter(kind -> kind.type == type).findFirst();
  }

  /** Returns a description of what {@code resource}, one of this kind, still holds, or empty. */
  Optional<String> check(Object resource, ExtensionContext context) {
    return leftovers.describe(type.cast(resource), context);
  }

  /**
   * Describes the {@code calls} still pending on {@code owner} at time {@code now}, unless there
   * are none or the test is annotated with {@link AllowPendingCalls}.
   */
  static Optional<String> pendingCalls(
      String owner, double now, List<DelayedCall> calls, ExtensionContext context) {
    if (calls.isEmpty() || TwineExtension.annotated(context, AllowPendingCalls.class)) {
      return Optional.empty();
    }
    StringBuilder message = new StringBuilder()
        .append(owner).append(" still has pending delayed calls (").append(calls.size())
        .append(") at ").append(now).append("s after the test; cancel them, advance the clock")
        .append(" past them, or annotate the test with @AllowPendingCalls:");
    for (DelayedCall call : calls) {
      message.append("\n  ").append(call);
    }
    return Optional.of(message.toString());
  }

  private static Optional<String> unrunWork(MemoryReactor reactor, ExtensionContext context) {
    int calls = reactor.queuedCalls();
    int work = reactor.queuedThreadWork();
    if ((calls == 0 && work == 0) || TwineExtension.annotated(context, AllowPendingCalls.class)) {
      return Optional.empty();
    }
    return Optional.of("the MemoryReactor still has " + calls + " callFromThread call(s) and " + work
        + " callInThread task(s) that never ran; run them with runPendingCalls() / runThreadWork(),"
        + " or annotate the test with @AllowPendingCalls");
  }

  /** Describes what a resource still holds after a test. */
  @FunctionalInterface
  interface Leftovers<T> {
    /** Returns a description of what {@code resource} still holds, or empty if it is clean. */
    Optional<String> describe(T resource, ExtensionContext context);
  }
}
