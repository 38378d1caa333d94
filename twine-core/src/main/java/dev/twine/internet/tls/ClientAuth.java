package dev.twine.internet.tls;

/** Whether a TLS server asks its clients for a certificate. */
public enum ClientAuth {
  /** It does not ask. */
  NONE,
  /** It asks; a client without one is let in, one with an untrusted one is not. */
  OPTIONAL,
  /** It asks, and refuses a client without a trusted certificate. */
  REQUIRED
}
