package dev.twine.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An exception caught on its way through a {@link Deferred} chain, as Twisted's {@code Failure}.
 *
 * <p>Errbacks receive a {@code Failure}. They inspect it with {@link #check} and {@link #type},
 * recover from the kinds they expect with {@link #trap} (which re-throws anything else, so the
 * failure goes on down the chain), or re-raise it with {@link #raise()}.
 *
 * <pre>{@code
 * d.recover(failure -> {
 *   failure.trap(ConnectionRefused.class, ConnectTimedOut.class);
 *   return fallbackValue;
 * });
 * }</pre>
 *
 * <p>Failures are immutable and may be shared between threads.
 */
public final class Failure {
  private final Throwable exception;

  private Failure(Throwable exception) {
    this.exception = Objects.requireNonNull(exception, "exception");
  }

  /** Returns a failure that wraps {@code exception}. */
  public static Failure of(Throwable exception) {
    return new Failure(exception);
  }

  /** Returns the exception this failure carries (Twisted's {@code value}). */
  public Throwable exception() {
    return exception;
  }

  /** Returns the class of the exception. */
  public Class<? extends Throwable> type() {
    return exception.getClass();
  }

  /** Returns the exception's message, or an empty string if it has none. */
  public String message() {
    String message = exception.getMessage();
    return message == null ? "" : message;
  }

  /** Returns the exception's stack trace, with causes, as {@link Throwable#printStackTrace} prints it. */
  public String traceback() {
    StringWriter out = new StringWriter();
    exception.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /**
   * Returns the first of {@code types} that the exception is an instance of, or empty if none.
   */
  @SafeVarargs
  public final Optional<Class<? extends Throwable>> check(Class<? extends Throwable>... types) {
    for (Class<? extends Throwable> type : types) {
      if (type.isInstance(exception)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the first of {@code types} that the exception is an instance of; if it is none of
   * them, re-throws the exception itself, unchanged (checked exceptions included), so that an
   * errback that traps passes every other failure on down the chain.
   */
  @SafeVarargs
  public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) {
    Optional<Class<? extends Throwable>> match = check(types);
    if (match.isEmpty()) {
      throw raise();
    }
    return match.get();
  }

  /**
   * Throws the exception itself, unchanged, even when it is checked. It is declared to return
   * an exception so that callers can write {@code throw failure.raise()} and satisfy the compiler;
   * it never returns.
   */
  public RuntimeException raise() {
    throw Failure.<RuntimeException>sneakyThrow(exception);
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneakyThrow(Throwable exception) throws X {
    throw (X) exception;
  }

  /** Two failures are equal when they carry the same exception object. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Failure failure && failure.exception == exception;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(exception);
  }

  @Override
  public String toString() {
    return "Failure[" + exception + "]";
  }
}
