package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.Objects;

/**
 * A piece of a received frame's payload, unmasked. A frame's pieces, joined, are its payload;
 * the last one has {@code endOfFrame} set, and a frame with no payload has one empty piece.
 *
 * @param data the bytes
 * @param endOfFrame whether this piece ends the frame
 */
public record FramePayload(Bytes data, boolean endOfFrame) implements FrameEvent {
  /** Creates a piece. */
  public FramePayload {
    Objects.requireNonNull(data, "data");
  }
}
