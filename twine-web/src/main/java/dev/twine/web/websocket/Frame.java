package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.Objects;

/**
 * A frame to send, for {@link FrameEncoder}: whether it ends its message, whether RSV1 is set,
 * its opcode and its payload, unmasked.
 *
 * <pre>{@code
 * Bytes wire = FrameEncoder.forServer().encode(Frame.of(Opcode.TEXT, Bytes.utf8("Hello")));
 * }</pre>
 *
 * @param fin whether this frame ends its message
 * @param rsv1 whether the first reserved bit is set, which permessage-deflate uses to mark a
 *     compressed message's first frame
 * @param opcode the kind of frame
 * @param payload the payload
 */
public record Frame(boolean fin, boolean rsv1, Opcode opcode, Bytes payload) {

  /**
   * Creates a frame.
   *
   * @throws IllegalArgumentException for a control frame that is not final, has RSV1 set or a
   *     payload over 125 bytes
   */
  public Frame {
    Objects.requireNonNull(opcode, "opcode");
    Objects.requireNonNull(payload, "payload");
    if (opcode.isControl() && (!fin || rsv1 || payload.size() > 125)) {
      throw new IllegalArgumentException("a control frame must be final, without RSV1, with at"
          + " most 125 bytes: " + opcode + (fin ? "" : " not final") + (rsv1 ? " with RSV1" : "")
          + ", " + payload.size() + " bytes");
    }
  }

  /** Returns a final frame without RSV1: a whole message, or a control frame. */
  public static Frame of(Opcode opcode, Bytes payload) {
    return new Frame(true, false, opcode, payload);
  }
}
