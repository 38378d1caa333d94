package dev.twine.web.websocket;

/**
 * The end of a WebSocket connection that a piece of code plays. It decides masking: a client
 * masks every frame it sends, a server masks none (RFC 6455 section 5.1), and each refuses frames
 * from the other that break the rule.
 */
public enum Role {
  /** The end that opened the connection. */
  CLIENT,
  /** The end that accepted it. */
  SERVER;

  /** Returns whether frames sent by this role are masked: a client's are, a server's are not. */
  public boolean masks() {
    return this == CLIENT;
  }

  /** Returns the role at the other end. */
  public Role peer() {
    return this == CLIENT ? SERVER : CLIENT;
  }
}
