package dev.twine.web.http;

/**
 * Thrown when a peer sends a message that breaks HTTP/1.1: it carries the status code to answer
 * with and a short reason that may be shown to the peer. The connection cannot be trusted to
 * frame another message afterwards and must be closed once the answer is sent.
 *
 * <p>A request parser uses 400 (Bad Request), 413 (Content Too Large), 414 (URI Too Long), 431
 * (Request Header Fields Too Large), 501 (Not Implemented, for an unknown transfer coding) and 505
 * (HTTP Version Not Supported); a response parser uses 502 (Bad Gateway), the answer of a
 * gateway that received the invalid response.
 *
 * <p>The exception records no stack trace: it describes the peer's input, not the program, and
 * a flood of malformed messages must stay cheap to reject.
 */
public final class HttpParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the exception.
   *
   * @throws IllegalArgumentException if {@code status} is not an error status (400 to 599)
   */
  public HttpParseException(int status, String reason) {
    super(reason, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be from 400 to 599: " + status);
    }
    this.status = status;
  }

  /** Returns the status code to answer with, such as 400. */
  public int status() {
    return status;
  }

  /** Returns the short reason, such as {@code "bare LF in the header section"}. */
  public String reason() {
    return String.valueOf(getMessage());
  }

  /** Returns the status and the reason, such as {@code "400 bare LF"}. */
  @Override
  public String toString() {
    return "HttpParseException: " + status + " " + getMessage();
  }
}
