package dev.twine.internet;

import org.jspecify.annotations.Nullable;

/**
 * Why a connection ended: {@link ConnectionDone} (cleanly), {@link ConnectionLost} (not cleanly)
 * or {@link ConnectionAborted} (this side aborted it). Protocols receive one, wrapped in a
 * {@code Failure}, in {@code connectionLost}.
 */
public abstract sealed class ConnectionClosed extends RuntimeException
    permits ConnectionDone, ConnectionLost, ConnectionAborted {
  private static final long serialVersionUID = 1L;

  ConnectionClosed(String message, @Nullable Throwable cause) {
    super(message, cause, false, false);
  }
}
