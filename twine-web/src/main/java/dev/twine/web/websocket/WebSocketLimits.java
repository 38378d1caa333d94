package dev.twine.web.websocket;

/**
 * The bounds a WebSocket endpoint holds its peer to: a frame or message past them fails the
 * connection with {@link CloseCode#MESSAGE_TOO_BIG} (1009). Sizes count payload bytes after
 * decompression, so a compressed message is held to the size it inflates to, and inflating stops
 * as soon as it passes: a compression bomb costs no more memory than the limit. A size exactly at
 * a limit is accepted.
 *
 * <pre>{@code
 * WebSocketLimits chat = WebSocketLimits.DEFAULT.withMaxMessageSize(64 * 1024);
 * }</pre>
 *
 * @param maxFrameSize the largest payload of one frame, on the wire and decompressed
 * @param maxMessageSize the largest message, all its fragments together, decompressed
 */
public record WebSocketLimits(int maxFrameSize, int maxMessageSize) {
  /** 16 MiB per frame and per message. */
  public static final WebSocketLimits DEFAULT = new WebSocketLimits(16 << 20, 16 << 20);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a limit is below 125 bytes, the largest control frame
   */
  public WebSocketLimits {
    if (maxFrameSize < 125) {
      throw new IllegalArgumentException("maxFrameSize must be at least 125: " + maxFrameSize);
    }
    if (maxMessageSize < 125) {
      throw new IllegalArgumentException("maxMessageSize must be at least 125: " + maxMessageSize);
    }
  }

  /** Returns these limits with another largest frame. */
  public WebSocketLimits withMaxFrameSize(int size) {
    return new WebSocketLimits(size, maxMessageSize);
  }

  /** Returns these limits with another largest message. */
  public WebSocketLimits withMaxMessageSize(int size) {
    return new WebSocketLimits(maxFrameSize, size);
  }
}
