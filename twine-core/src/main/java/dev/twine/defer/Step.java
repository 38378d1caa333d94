package dev.twine.defer;

import org.jspecify.annotations.Nullable;

/** One queued step of a {@link Deferred}'s chain: what kind it is, its function, its trap. */
final class Step {
  static final int MAP = 0;
  static final int FLAT_MAP = 1;
  static final int RECOVER = 2;
  static final int RECOVER_WITH = 3;
  static final int TRANSFORM = 4;
  static final int TRANSFORM_WITH = 5;
  static final int ON_SUCCESS = 6;
  static final int ON_FAILURE = 7;
  static final int ALWAYS = 8;
  /** Hands the result to the Deferred given to {@code chainDeferred}. */
  static final int CHAIN = 9;
  /** Hands the result back to a Deferred whose step returned this one, and resumes it. */
  static final int CONTINUE = 10;

  final int kind;
  final Object function;
  final @Nullable Class<? extends Throwable> trap;
  @Nullable Step next;

  Step(int kind, Object function, @Nullable Class<? extends Throwable> trap) {
    this.kind = kind;
    this.function = function;
    this.trap = trap;
  }

  /** Returns whether a step of {@code kind} runs for the current result, or lets it pass by. */
  static boolean appliesTo(
      int kind, @Nullable Class<? extends Throwable> trap, boolean failed, @Nullable Object result) {
    return switch (kind) {
      case MAP, FLAT_MAP, ON_SUCCESS -> !failed;
      case RECOVER, RECOVER_WITH, ON_FAILURE ->
          failed && (trap == null || trap.isInstance(((Failure) result).exception()));
      default -> true;
    };
  }

  /** Returns whether the function of a step of {@code kind} returns a Deferred to wait for. */
  static boolean returnsDeferred(int kind) {
    return kind == FLAT_MAP || kind == RECOVER_WITH || kind == TRANSFORM_WITH;
  }

  /** Returns whether the chain is on the failure path after such a step returned normally. */
  static boolean failsAfter(int kind, boolean failed) {
    return kind == ON_FAILURE || (kind == ALWAYS && failed);
  }

  /** Runs {@code function} on the result and returns the next result (or Deferred to wait for). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static @Nullable Object apply(int kind, Object function, @Nullable Class<? extends Throwable> trap,
      boolean failed, @Nullable Object result) throws Exception {
    return switch (kind) {
      case MAP, FLAT_MAP -> ((Callback) function).call(result);
      case RECOVER, RECOVER_WITH ->
          ((Callback) function).call(trap == null ? result : ((Failure) result).exception());
      case TRANSFORM, TRANSFORM_WITH -> ((Callback) function).call(outcome(failed, result));
      case ON_SUCCESS, ON_FAILURE -> {
        ((Effect) function).accept(result);
        yield result;
      }
      case ALWAYS -> {
        ((Effect) function).accept(outcome(failed, result));
        yield result;
      }
      default -> throw new IllegalStateException("not a function step: " + kind);
    };
  }

  private static Outcome<?> outcome(boolean failed, @Nullable Object result) {
    return failed ? Outcome.failed((Failure) result) : Outcome.success(result);
  }
}
