package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A message on its way to one or more connections, with the frames it was encoded to, kept per
 * way of encoding it: a server's frames are not masked, so every connection that fragments and
 * compresses the same way (plain, or compressed without context takeover at the same level)
 * sends the same bytes, encoded once.
 *
 * <p>Threading: used on the thread of the connections it is sent to.
 */
final class PreparedMessage {

  /**
   * A way of encoding a message that gives the same frames on every connection using it.
   *
   * @param compressed whether the message is compressed, from a fresh compressor
   * @param level the compression level, 0 when not compressed
   * @param fragmentSize the largest frame payload
   */
  record Encoding(boolean compressed, int level, int fragmentSize) {}

  private final Bytes payload;
  private final boolean binary;
  private final Map<Encoding, List<Bytes>> frames = new HashMap<>(2);

  /**
   * Creates a message.
   *
   * @throws IllegalArgumentException if a text message is not valid UTF-8
   */
  PreparedMessage(Bytes payload, boolean binary) {
    this.payload = Objects.requireNonNull(payload, "payload");
    this.binary = binary;
    if (!binary && !Utf8Validator.isValid(payload)) {
      throw new IllegalArgumentException("a text message must be valid UTF-8: " + payload);
    }
  }

  Bytes payload() {
    return payload;
  }

  boolean binary() {
    return binary;
  }

  /** Returns the frames of {@code encoding}, encoded with {@code encode} the first time. */
  List<Bytes> frames(Encoding encoding, Supplier<List<Bytes>> encode) {
    return frames.computeIfAbsent(encoding, e -> encode.get());
  }
}
