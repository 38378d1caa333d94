package dev.twine.defer;

/**
 * Thrown by {@link DeferredQueue#get} when the queue is empty and as many getters as its backlog
 * allows are already waiting (Twisted's {@code QueueUnderflow}).
 */
public final class QueueUnderflow extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message. */
  public QueueUnderflow(String message) {
    super(message);
  }
}
