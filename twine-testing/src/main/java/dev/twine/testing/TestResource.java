package dev.twine.testing;

import dev.twine.internet.DelayedCall;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
    Class<T> type, Supplier<? extends T> factory, Leftovers<? super T> leftovers) {

  /** The kinds the extension knows, looked up by exact parameter type. */
  static final List<TestResource<?>> KNOWN = List.of(
      new TestResource<>(Clock.class, Clock::new,
          (clock, context) ->
              pendingCalls("the Clock", clock.seconds(), clock.pendingCalls(), context)));

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

  /** Describes what a resource still holds after a test. */
  @FunctionalInterface
  interface Leftovers<T> {
    /** Returns a description of what {@code resource} still holds, or empty if it is clean. */
    Optional<String> describe(T resource, ExtensionContext context);
  }
}
