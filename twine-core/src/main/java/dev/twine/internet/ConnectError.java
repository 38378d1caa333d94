package dev.twine.internet;

import org.jspecify.annotations.Nullable;

/**
 * A connection attempt failed (Twisted's {@code ConnectError}): the peer refused it, it timed out,
 * the host name did not resolve, or another reason given by the cause.
 */
public sealed class ConnectError extends RuntimeException
    permits ConnectionRefused, ConnectTimedOut, UnknownHost {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message and cause. */
  public ConnectError(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
