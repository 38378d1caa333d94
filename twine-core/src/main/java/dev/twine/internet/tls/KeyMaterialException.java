package dev.twine.internet.tls;

import org.jspecify.annotations.Nullable;

/**
 * A certificate, key or set of trust roots could not be used: a file is missing or unreadable, it
 * holds no PEM block of the kind needed or a malformed one, the key is encrypted or of a kind the
 * JDK cannot read, or the private key does not belong to the certificate. The message names the
 * file and what is wrong with it.
 */
public final class KeyMaterialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message and cause. */
  public KeyMaterialException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
