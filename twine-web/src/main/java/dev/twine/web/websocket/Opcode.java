package dev.twine.web.websocket;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The kind of a WebSocket frame (RFC 6455 section 5.2). Data frames start or continue a
 * message; control frames ({@link #CLOSE}, {@link #PING}, {@link #PONG}) stand alone and may come
 * between the fragments of a message. The values 3 to 7 and 11 to 15 are reserved: a frame with
 * one of them is a protocol error.
 */
public enum Opcode {
  /** A later fragment of a message: 0x0. */
  CONTINUATION(0x0),
  /** The first frame of a text message, UTF-8: 0x1. */
  TEXT(0x1),
  /** The first frame of a binary message: 0x2. */
  BINARY(0x2),
  /** The start or the answer of the closing handshake: 0x8. */
  CLOSE(0x8),
  /** A ping, which the peer answers with a pong: 0x9. */
  PING(0x9),
  /** The answer to a ping, or an unsolicited heartbeat: 0xA. */
  PONG(0xA);

  private static final @Nullable Opcode[] BY_CODE = new Opcode[16];

  static {
    for (Opcode opcode : values()) {
      BY_CODE[opcode.code] = opcode;
    }
  }

  private final int code;

  Opcode(int code) {
    this.code = code;
  }

  /** Returns the four-bit value on the wire. */
  public int code() {
    return code;
  }

  /** Returns whether this is a control frame's opcode: close, ping or pong. */
  public boolean isControl() {
    return code >= 0x8;
  }

  /**
   * Returns the opcode with the four-bit value {@code code}, or empty if the value is reserved.
   *
   * @throws IllegalArgumentException if {@code code} is not from 0 to 15
   */
  public static Optional<Opcode> of(int code) {
    if (code < 0 || code > 15) {
      throw new IllegalArgumentException("an opcode is from 0 to 15: " + code);
    }
    return Optional.ofNullable(BY_CODE[code]);
  }

  /** Returns the opcode with the value {@code code} (0 to 15), or null if it is reserved. */
  static @Nullable Opcode byCode(int code) {
    return BY_CODE[code];
  }
}
