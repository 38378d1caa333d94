package dev.twine.internet;

import org.jspecify.annotations.Nullable;

/**
 * The connection ended uncleanly: reset by the peer, an I/O error, a TLS close without
 * {@code close_notify} (Twisted's {@code ConnectionLost}). The cause, if known, says more.
 */
public final class ConnectionLost extends ConnectionClosed {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message and cause. */
  public ConnectionLost(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
