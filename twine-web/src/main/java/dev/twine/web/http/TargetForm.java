package dev.twine.web.http;

/** The four forms of a request target (RFC 9112 section 3.2). */
public enum TargetForm {
  /** An absolute path and an optional query, such as {@code /where?q=now}: the usual form. */
  ORIGIN,
  /** An absolute URI, such as {@code http://example.com/}: requests to a proxy. */
  ABSOLUTE,
  /** A host and port, such as {@code example.com:443}: only for {@code CONNECT}. */
  AUTHORITY,
  /** A single {@code *}: only for a server-wide {@code OPTIONS}. */
  ASTERISK
}
