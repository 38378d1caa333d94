package dev.twine.web.websocket;

import java.util.Objects;

/**
 * Thrown when a peer breaks the WebSocket protocol or a limit: it carries the close code to fail
 * the connection with and a short reason that may be sent to the peer. The connection cannot be
 * read further; it is closed once the close frame is sent.
 *
 * <p>The codes used are {@link CloseCode#PROTOCOL_ERROR} (framing errors, invalid close frames),
 * {@link CloseCode#INVALID_PAYLOAD} (invalid UTF-8 or compressed data) and {@link
 * CloseCode#MESSAGE_TOO_BIG} (a limit passed).
 *
 * <p>The exception records no stack trace: it describes the peer's input, not the program, and a
 * flood of bad frames must stay cheap to reject.
 */
public final class WebSocketException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  /**
   * Creates the exception.
   *
   * @throws IllegalArgumentException if {@code code} may not be sent in a close frame
   */
  public WebSocketException(CloseCode code, String reason) {
    super(Objects.requireNonNull(reason, "reason"), null, false, false);
    if (!code.sendable()) {
      throw new IllegalArgumentException("the close code of a failure must be sendable: " + code);
    }
    this.code = code.value();
  }

  /** Returns the close code to send, such as 1002. */
  public CloseCode code() {
    return new CloseCode(code);
  }

  /** Returns the short reason, such as {@code "unmasked frame from a client"}. */
  public String reason() {
    return String.valueOf(getMessage());
  }

  /** Returns the code and the reason, such as {@code "WebSocketException: 1002 (protocol error) ..."}. */
  @Override
  public String toString() {
    return "WebSocketException: " + code() + " " + getMessage();
  }
}
