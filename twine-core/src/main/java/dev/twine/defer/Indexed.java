package dev.twine.defer;

import org.jspecify.annotations.Nullable;

/**
 * A value and the position, in the list given to {@link DeferredList#firstSuccess} or
 * {@link DeferredList#race}, of the Deferred that produced it (Twisted's {@code (result, index)}
 * pair).
 *
 * @param index the position of the Deferred in the list, from 0
 * @param value its value; {@code null} only for {@code Void} results
 * @param <T> the type of the value
 */
public record Indexed<T extends @Nullable Object>(int index, T value) {

  /**
   * Creates one.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public Indexed {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
  }
}
