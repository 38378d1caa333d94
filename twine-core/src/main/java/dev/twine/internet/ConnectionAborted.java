package dev.twine.internet;

import org.jspecify.annotations.Nullable;

/**
 * This side aborted the connection: {@link Transport#abortConnection}, a protocol callback that
 * threw (the cause), or a timeout policy (Twisted's {@code ConnectionAborted}).
 */
public final class ConnectionAborted extends ConnectionClosed {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message and cause. */
  public ConnectionAborted(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
