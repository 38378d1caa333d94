package dev.twine.internet;

import org.jspecify.annotations.Nullable;

/** A host name did not resolve to any address (Twisted's {@code DNSLookupError}). */
public final class UnknownHost extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates one for {@code host}. */
  public UnknownHost(String host, @Nullable Throwable cause) {
    super("cannot resolve host name: " + host, cause);
  }
}
