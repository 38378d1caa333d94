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
 * sends the same bytes, encoded once. A message for one connection only is encoded without
 * keeping its frames.
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
  private final boolean shared;
  private final Map<Encoding, List<Bytes>> frames;

  /**
   * Creates a message; {@code shared} says whether it goes to more than one connection, so that
   * its frames are worth keeping.
   *
   * @throws IllegalArgumentException if a text message is not valid UTF-8
   */
  PreparedMessage(Bytes payload, boolean binary, boolean shared) {
    this.payload = Objects.requireNonNull(payload, "payload");
    this.binary = binary;
    this.shared = shared;
    this.frames = shared ? new HashMap<>(2) : Map.of();
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

  boolean shared() {
    return shared;
  }

  /**
   * Returns the frames of {@code encoding}, encoded with {@code encode} the first time.
   *
   * @throws UnsupportedOperationException if the message is not shared, and keeps no frames
   */
  List<Bytes> frames(Encoding encoding, Supplier<List<Bytes>> encode) {
    return frames.computeIfAbsent(encoding, e -> encode.get());
  }
}
