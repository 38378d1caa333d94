package dev.twine.web.websocket;

import java.util.Objects;

/**
 * The header of a received frame, once the parser has checked it: the payload follows as
 * {@link FramePayload} pieces. The mask is not shown; the payload comes out unmasked.
 *
 * @param fin whether this frame ends its message (always true for control frames)
 * @param rsv1 whether the first reserved bit is set: with permessage-deflate, the first frame of
 *     a compressed message
 * @param opcode the kind of frame
 * @param length the payload length on the wire
 */
public record FrameHeader(boolean fin, boolean rsv1, Opcode opcode, long length)
    implements FrameEvent {

  /**
   * Creates a header.
   *
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public FrameHeader {
    Objects.requireNonNull(opcode, "opcode");
    if (length < 0) {
      throw new IllegalArgumentException("a payload length cannot be negative: " + length);
    }
  }
}
