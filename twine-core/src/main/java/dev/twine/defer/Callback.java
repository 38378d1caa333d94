package dev.twine.defer;

import org.jspecify.annotations.Nullable;

/**
 * A step of a {@link Deferred} chain that turns one result into the next. It may throw any
 * exception, checked or not: the chain catches it and goes on with a {@link Failure}.
 *
 * @param <A> what the step receives
 * @param <R> what it returns
 */
@FunctionalInterface
public interface Callback<A extends @Nullable Object, R extends @Nullable Object> {

  /** Computes the next result of the chain from {@code argument}. */
  R call(A argument) throws Exception;
}
