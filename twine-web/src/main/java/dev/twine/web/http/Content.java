package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.util.Objects;

/**
 * A piece of a message body, with any chunked coding removed. A body arrives in as many pieces
 * as the network cut it into: their concatenation is the body.
 *
 * <p>The data shares the storage of the input the parser was fed; no copy was made.
 *
 * @param data the bytes, never empty
 */
public record Content(Bytes data) implements BodyEvent {
  /**
   * Creates a piece.
   *
   * @throws IllegalArgumentException if {@code data} is empty
   */
  public Content {
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("content must not be empty");
    }
  }
}
