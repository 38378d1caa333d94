package dev.twine.defer;

import java.time.Duration;

/**
 * The failure of a {@link Deferred} that {@link Deferred#addTimeout} cancelled because it did not
 * fire in time (Twisted's {@code TimeoutError}).
 */
public final class TimedOutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /** Creates one for a Deferred that did not fire within {@code timeout} and was cancelled. */
  public TimedOutException(Duration timeout, CancelledException cause) {
    super("Deferred timed out after " + timeout, cause);
    this.timeout = timeout;
  }

  /** Returns the timeout that ran out. */
  public Duration timeout() {
    return timeout;
  }
}
