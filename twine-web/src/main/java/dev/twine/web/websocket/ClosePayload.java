package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a close frame (RFC 6455 section 5.5.1): nothing, or a two-byte status code
 * followed by a UTF-8 reason, 123 bytes at most so that the frame fits in 125.
 *
 * @param code the status code, {@link CloseCode#NO_STATUS_RECEIVED} for an empty payload
 * @param reason the reason, empty if there was none
 */
record ClosePayload(CloseCode code, String reason) {
  /** The most bytes of UTF-8 a reason may have. */
  static final int MAX_REASON_BYTES = 123;

  static final ClosePayload EMPTY = new ClosePayload(CloseCode.NO_STATUS_RECEIVED, "");

  /**
   * Reads a received close frame's payload.
   *
   * @throws WebSocketException with {@link CloseCode#PROTOCOL_ERROR} for a one-byte payload or a
   *     code that may not be sent, with {@link CloseCode#INVALID_PAYLOAD} for a reason that is not
   *     UTF-8
   */
  static ClosePayload parse(Bytes payload) {
    if (payload.isEmpty()) {
      return EMPTY;
    }
    if (payload.size() == 1) {
      throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "close frame with a one-byte payload");
    }
    int value = (payload.getUnsigned(0) << 8) | payload.getUnsigned(1);
    if (value < 1000 || value > 4999 || !new CloseCode(value).sendable()) {
      throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "invalid close code " + value);
    }
    Bytes reason = payload.slice(2, payload.size());
    if (!Utf8Validator.isValid(reason)) {
      throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "close reason is not UTF-8");
    }
    return new ClosePayload(new CloseCode(value), reason.utf8());
  }

  /**
   * Returns the payload that sends {@code code} and {@code reason}.
   *
   * @throws IllegalArgumentException if the code may not be sent or the reason is longer than
   *     123 bytes of UTF-8
   */
  static Bytes encode(CloseCode code, String reason) {
    if (!code.sendable()) {
      throw new IllegalArgumentException("close code " + code + " may not be sent");
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    if (text.length > MAX_REASON_BYTES) {
      throw new IllegalArgumentException(
          "a close reason has at most 123 bytes of UTF-8, not " + text.length + ": " + reason);
    }
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code.value() >>> 8);
    payload[1] = (byte) code.value();
    System.arraycopy(text, 0, payload, 2, text.length);
    return Bytes.wrap(payload);
  }

  /** Returns {@code reason} cut to at most 123 bytes of UTF-8, on a character boundary. */
  static String truncate(String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    if (text.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    while ((text[end] & 0xc0) == 0x80) {
      end--;
    }
    return new String(text, 0, end, StandardCharsets.UTF_8);
  }
}
