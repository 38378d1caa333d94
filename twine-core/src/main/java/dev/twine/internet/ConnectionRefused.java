package dev.twine.internet;

import org.jspecify.annotations.Nullable;

/** Nothing was listening at the address, or the peer refused the connection. */
public final class ConnectionRefused extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message and cause. */
  public ConnectionRefused(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
