package dev.twine.defer;

/**
 * Thrown by {@link DeferredQueue#put} when the queue already holds as many items as it may and
 * no getter is waiting (Twisted's {@code QueueOverflow}).
 */
public final class QueueOverflow extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message. */
  public QueueOverflow(String message) {
    super(message);
  }
}
