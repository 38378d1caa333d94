package dev.twine.web.http;

import java.util.Objects;

/**
 * The end of a message, with the trailer fields that followed a chunked body (empty for any
 * other body). Trailers are kept apart from the header fields, as RFC 9110 section 6.5 asks.
 *
 * @param trailers the trailer fields
 */
public record MessageEnd(Headers trailers) implements BodyEvent {
  /** Creates an end. */
  public MessageEnd {
    Objects.requireNonNull(trailers, "trailers");
  }
}
