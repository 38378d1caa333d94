package dev.twine.web.http;

/**
 * How the body of a message is delimited, as decided by RFC 9112 section 6.3 from the start line,
 * the framing header fields and, for a response, the method of the request it answers.
 */
public enum Framing {
  /** No body: the message ends with its header section (including {@code Content-Length: 0}). */
  NONE,
  /** {@code Content-Length} bytes follow the header section. */
  CONTENT_LENGTH,
  /** The body is in the chunked transfer coding, which ends with a trailer section. */
  CHUNKED,
  /** A response whose body runs until the server closes the connection. */
  UNTIL_CLOSE,
  /**
   * A response after which the connection leaves HTTP: {@code 101 Switching Protocols}, or a
   * 2xx answer to {@code CONNECT} that makes it a tunnel. What follows the header section belongs
   * to the new protocol.
   */
  SWITCH
}
