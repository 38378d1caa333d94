package dev.twine.web.http;

import java.util.Objects;

/**
 * The status line and header fields of a response: what a server writes before the body, and
 * what a client reads.
 *
 * <pre>{@code
 * ResponseHead head = ResponseHead.of(404, Headers.of("Content-Length", "0"));
 * // HTTP/1.1 404 Not Found
 * }</pre>
 *
 * @param version the protocol version
 * @param status the status code, from 100 to 599
 * @param reason the reason phrase, which may be empty; clients ignore it
 * @param headers the header fields, the live, mutable list of this head
 */
public record ResponseHead(HttpVersion version, int status, String reason, Headers headers)
    implements ResponseEvent {

  /**
   * Creates a head.
   *
   * @throws IllegalArgumentException if {@code status} is not from 100 to 599, or {@code reason}
   *     holds a control character other than HTAB, or a character above U+00FF
   */
  public ResponseHead {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(headers, "headers");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be from 100 to 599: " + status);
    }
    for (int i = 0; i < reason.length(); i++) {
      if (!Syntax.isFieldContent(reason.charAt(i))) {
        throw new IllegalArgumentException(String.format(
            "reason phrase has a character that is not allowed: U+%04X at index %d",
            (int) reason.charAt(i), i));
      }
    }
  }

  /** Returns an HTTP/1.1 head with the standard reason phrase of {@code status}. */
  public static ResponseHead of(int status, Headers headers) {
    return new ResponseHead(HttpVersion.HTTP_1_1, status, reasonPhrase(status), headers);
  }

  /**
   * Returns the reason phrase RFC 9110 (or RFC 6585, RFC 8297) gives {@code status}, such as
   * {@code "Not Found"} for 404, or an empty string for a status they do not define.
   */
  public static String reasonPhrase(int status) {
    return Reasons.of(status);
  }

  /** Returns whether this is an interim (1xx) response, which a final response follows. */
  public boolean interim() {
    return status < 200;
  }

  /**
   * Returns whether the server means to keep the connection open after this response: HTTP/1.1
   * unless {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}. A body
   * delimited by closing the connection ends it whatever this says.
   */
  public boolean keepAlive() {
    return FramingRules.keepAlive(version, headers);
  }
}
