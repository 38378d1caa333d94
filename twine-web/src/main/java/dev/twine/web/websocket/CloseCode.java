package dev.twine.web.websocket;

/**
 * The status code of a close frame (RFC 6455 section 7.4): why a connection ends.
 *
 * <pre>{@code
 * connection.sendClose(CloseCode.GOING_AWAY, "server shutting down");
 * connection.sendClose(new CloseCode(4001), "kicked by the moderator");   // private use
 * }</pre>
 *
 * <p>The codes from 1000 to 2999 belong to the protocol: only the registered ones below may be
 * sent, and a close frame carrying another one is a protocol error. 3000 to 3999 are for
 * libraries and frameworks (registered with IANA), 4000 to 4999 for applications. Three
 * registered codes never travel in a frame; they only describe an end locally: {@link
 * #NO_STATUS_RECEIVED}, {@link #ABNORMAL_CLOSURE} and {@link #TLS_HANDSHAKE}.
 *
 * @param value the code, from 1000 to 4999
 */
public record CloseCode(int value) {
  /** 1000: the purpose of the connection has been fulfilled. */
  public static final CloseCode NORMAL_CLOSURE = new CloseCode(1000);
  /** 1001: the endpoint is going away, such as a server shutting down or a page being left. */
  public static final CloseCode GOING_AWAY = new CloseCode(1001);
  /** 1002: the peer broke the protocol. */
  public static final CloseCode PROTOCOL_ERROR = new CloseCode(1002);
  /** 1003: the endpoint cannot accept this type of data, such as binary for a text-only one. */
  public static final CloseCode UNSUPPORTED_DATA = new CloseCode(1003);
  /** 1005: the close frame had no status code; never sent. */
  public static final CloseCode NO_STATUS_RECEIVED = new CloseCode(1005);
  /** 1006: the connection ended without a close frame; never sent. */
  public static final CloseCode ABNORMAL_CLOSURE = new CloseCode(1006);
  /** 1007: a message's data was not consistent with its type, such as invalid UTF-8 text. */
  public static final CloseCode INVALID_PAYLOAD = new CloseCode(1007);
  /** 1008: a message broke the endpoint's policy; the generic refusal. */
  public static final CloseCode POLICY_VIOLATION = new CloseCode(1008);
  /** 1009: a frame or message was too big to process. */
  public static final CloseCode MESSAGE_TOO_BIG = new CloseCode(1009);
  /** 1010: the client needed an extension that the server did not agree to. */
  public static final CloseCode MANDATORY_EXTENSION = new CloseCode(1010);
  /** 1011: the server met an unexpected condition. */
  public static final CloseCode INTERNAL_ERROR = new CloseCode(1011);
  /** 1012: the server is restarting. */
  public static final CloseCode SERVICE_RESTART = new CloseCode(1012);
  /** 1013: the server is overloaded; try again later. */
  public static final CloseCode TRY_AGAIN_LATER = new CloseCode(1013);
  /** 1014: a gateway got an invalid response from the server behind it. */
  public static final CloseCode BAD_GATEWAY = new CloseCode(1014);
  /** 1015: the TLS handshake failed; never sent. */
  public static final CloseCode TLS_HANDSHAKE = new CloseCode(1015);

  /**
   * Creates a code.
   *
   * @throws IllegalArgumentException if {@code value} is not from 1000 to 4999, the range that
   *     RFC 6455 gives close codes
   */
  public CloseCode {
    if (value < 1000 || value > 4999) {
      throw new IllegalArgumentException("a close code is from 1000 to 4999: " + value);
    }
  }

  /**
   * Returns whether this code may be sent in a close frame: a registered one other than 1005,
   * 1006 and 1015, or one from 3000 to 4999. A received close frame with any other code is a
   * protocol error.
   */
  public boolean sendable() {
    return (value >= 1000 && value <= 1003) || (value >= 1007 && value <= 1014) || value >= 3000;
  }

  /**
   * Returns what the code means in a few words, such as {@code "protocol error"}, or the range it
   * belongs to, such as {@code "private use"}.
   */
  public String meaning() {
    return switch (value) {
      case 1000 -> "normal closure";
      case 1001 -> "going away";
      case 1002 -> "protocol error";
      case 1003 -> "unsupported data";
      case 1005 -> "no status received";
      case 1006 -> "abnormal closure";
      case 1007 -> "invalid payload data";
      case 1008 -> "policy violation";
      case 1009 -> "message too big";
      case 1010 -> "mandatory extension";
      case 1011 -> "internal error";
      case 1012 -> "service restart";
      case 1013 -> "try again later";
      case 1014 -> "bad gateway";
      case 1015 -> "TLS handshake failure";
      default -> value >= 4000 ? "private use" : value >= 3000 ? "registered" : "reserved";
    };
  }

  /** Returns the value and its meaning, such as {@code "1002 (protocol error)"}. */
  @Override
  public String toString() {
    return value + " (" + meaning() + ")";
  }
}
