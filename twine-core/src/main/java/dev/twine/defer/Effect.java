package dev.twine.defer;

import org.jspecify.annotations.Nullable;

/**
 * A step of a {@link Deferred} chain run for its side effect: the result passes on unchanged
 * unless the effect throws, in which case the chain goes on with that {@link Failure}.
 *
 * @param <A> what the effect receives
 */
@FunctionalInterface
public interface Effect<A extends @Nullable Object> {

  /** Acts on {@code argument}. */
  void accept(A argument) throws Exception;
}
