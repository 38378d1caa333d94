package dev.twine.defer;

import java.util.Objects;

/**
 * The failure of a {@link DeferredList} that fires on its first failure, such as
 * {@link DeferredList#gatherResults}: it names the Deferred that failed first and carries its
 * failure, whose exception is also the cause (Twisted's {@code FirstError}).
 */
public final class FirstError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Failure failure;
  private final int index;

  /**
   * Creates one for the Deferred at {@code index} in the list, which failed with {@code failure}.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public FirstError(Failure failure, int index) {
    super(describe(failure, index), failure.exception());
    this.failure = failure;
    this.index = index;
  }

  private static String describe(Failure failure, int index) {
    Objects.requireNonNull(failure, "failure");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    return "Deferred #" + index + " failed first: " + failure.exception();
  }

  /** Returns the failure of the Deferred that failed first (Twisted's {@code subFailure}). */
  public Failure failure() {
    return failure;
  }

  /** Returns the position of that Deferred in the list, from 0. */
  public int index() {
    return index;
  }
}
