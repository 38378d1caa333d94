package dev.twine.defer;

/**
 * Thrown when a {@link Deferred} that already has a result is fired again (Twisted's
 * {@code AlreadyCalledError}): a Deferred fires exactly once.
 */
public final class AlreadyCalledException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message. */
  public AlreadyCalledException(String message) {
    super(message);
  }
}
