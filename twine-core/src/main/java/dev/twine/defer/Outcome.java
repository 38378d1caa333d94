package dev.twine.defer;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Deferred} fired with: a value or a {@link Failure}. Steps that run on both paths
 * ({@link Deferred#transform}) receive one and switch over it:
 *
 * <pre>{@code
 * d.transform(outcome -> switch (outcome) {
 *   case Outcome.Success<String> s -> s.value().length();
 *   case Outcome.Failed<String> f -> -1;
 * });
 * }</pre>
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T extends @Nullable Object> {

  /** Returns whether this is a {@link Success}. */
  boolean succeeded();

  /** Returns a success carrying {@code value} ({@code null} only for {@code Void} results). */
  static <T extends @Nullable Object> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  /** Returns a failed outcome. */
  static <T extends @Nullable Object> Outcome<T> failed(Failure failure) {
    return new Failed<>(failure);
  }

  /** A value; {@code null} only for {@code Void} results. */
  record Success<T extends @Nullable Object>(T value) implements Outcome<T> {
    @Override
    public boolean succeeded() {
      return true;
    }
  }

  /** A failure. */
  record Failed<T extends @Nullable Object>(Failure failure) implements Outcome<T> {
    /** Creates it; the failure is required. */
    public Failed {
      java.util.Objects.requireNonNull(failure, "failure");
    }

    @Override
    public boolean succeeded() {
      return false;
    }
  }
}
