package dev.twine.internet;

/** The connection was closed cleanly, by either side (Twisted's {@code ConnectionDone}). */
public final class ConnectionDone extends ConnectionClosed {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message. */
  public ConnectionDone(String message) {
    super(message, null);
  }
}
