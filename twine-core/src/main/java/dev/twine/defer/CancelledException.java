package dev.twine.defer;

import java.util.concurrent.CancellationException;

/**
 * The failure of a {@link Deferred} that was cancelled before it had a result (Twisted's
 * {@code CancelledError}). It is a {@link CancellationException}, so futures bridged with
 * {@link Deferred#toCompletableFuture()} report cancellation the way Java code expects.
 */
public class CancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message. */
  public CancelledException(String message) {
    super(message);
  }
}
