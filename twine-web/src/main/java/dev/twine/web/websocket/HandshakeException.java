package dev.twine.web.websocket;

import dev.twine.web.http.Headers;
import java.util.Objects;

/**
 * Thrown when an opening handshake is refused: it carries the HTTP status to answer with, a
 * short reason that may be shown to the peer, and the header fields the answer needs.
 *
 * <p>A server refusing a request uses 400 (Bad Request), 405 (Method Not Allowed, with {@code
 * Allow}) and 426 (Upgrade Required, with {@code Upgrade} or {@code Sec-WebSocket-Version}); a
 * client refusing a server's response uses 502 (Bad Gateway), the answer of a gateway that got
 * an invalid response.
 *
 * <p>The exception records no stack trace: it describes the peer's input, not the program.
 */
public final class HandshakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Headers headers;

  /**
   * Creates the exception with no header fields.
   *
   * @throws IllegalArgumentException if {@code status} is not an error status (400 to 599)
   */
  public HandshakeException(int status, String reason) {
    this(status, reason, new Headers());
  }

  /**
   * Creates the exception; {@code headers} are copied.
   *
   * @throws IllegalArgumentException if {@code status} is not an error status (400 to 599)
   */
  public HandshakeException(int status, String reason, Headers headers) {
    super(Objects.requireNonNull(reason, "reason"), null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be from 400 to 599: " + status);
    }
    this.status = status;
    this.headers = headers.copy();
  }

  /** Returns the status to answer with, such as 400. */
  public int status() {
    return status;
  }

  /** Returns the short reason, such as {@code "missing Sec-WebSocket-Key"}. */
  public String reason() {
    return String.valueOf(getMessage());
  }

  /** Returns a copy of the header fields the answer needs, such as {@code Sec-WebSocket-Version: 13}. */
  public Headers headers() {
    return headers.copy();
  }

  /** Returns the status and the reason, such as {@code "HandshakeException: 400 missing ..."}. */
  @Override
  public String toString() {
    return "HandshakeException: " + status + " " + getMessage();
  }
}
