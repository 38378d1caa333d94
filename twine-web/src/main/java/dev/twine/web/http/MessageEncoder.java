package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * Writes one message: its head, then its body framed as the head's fields say, then its end. The
 * bytes returned go to the connection as they are, with {@code Transport.write} or {@code
 * writeSequence}.
 *
 * <pre>{@code
 * MessageEncoder encoder = MessageEncoder.response(
 *     ResponseHead.of(200, Headers.of("Transfer-Encoding", "chunked")), request.method());
 * transport.write(encoder.head());
 * transport.writeSequence(encoder.content(Bytes.utf8("Hello, ")));
 * transport.writeSequence(encoder.content(Bytes.utf8("World!")));
 * transport.write(encoder.end());
 * }</pre>
 *
 * <p>The framing is decided from the head by the same rules the parsers read it with (RFC 9112
 * section 6.3): {@code Transfer-Encoding: chunked} frames the content in chunks, {@code
 * Content-Length} holds the encoder to exactly that many bytes, a response to {@code HEAD} or
 * with status 1xx, 204 or 304 has no content, a response with neither field is delimited by
 * closing the connection, a request with neither has no body. The encoder refuses, with {@link
 * IllegalStateException}, content or an end that would break the framing, so that no mistake of
 * the caller can make the peer read the next message from the middle of this one.
 *
 * <p>Content is not copied: a chunk is its size line, the data itself and a CRLF.
 *
 * <p>Threading: not thread-safe; an encoder belongs to its connection.
 */
public final class MessageEncoder {
  private static final Bytes CRLF = Bytes.ascii("\r\n");

  private final Bytes head;
  private final Framing framing;
  private long remaining;
  private boolean ended;

  private MessageEncoder(Bytes head, FramingRules.Body body) {
    this.head = head;
    this.framing = body.framing();
    this.remaining = body.length();
  }

  /**
   * Returns an encoder of the request {@code head}.
   *
   * @throws IllegalArgumentException if the head breaks the rules a server holds requests to:
   *     {@code Host} missing in HTTP/1.1, repeated or invalid; {@code Transfer-Encoding} in
   *     HTTP/1.0, with {@code Content-Length}, or other than {@code chunked}; an invalid {@code
   *     Content-Length}
   */
  public static MessageEncoder request(RequestHead head) {
    try {
      FramingRules.checkHost(head.version(), head.headers());
      FramingRules.Body body = FramingRules.request(head.version(), head.headers());
      return new MessageEncoder(HeadEncoder.request(head), body);
    } catch (HttpParseException e) {
      throw new IllegalArgumentException("invalid request head: " + e.reason());
    }
  }

  /**
   * Returns an encoder of the response {@code head} to a request with {@code requestMethod}.
   *
   * @throws IllegalArgumentException if a 1xx or 204 response has {@code Content-Length} or
   *     {@code Transfer-Encoding} (RFC 9110 section 8.6, RFC 9112 section 6.1), or if the
   *     framing fields are invalid as {@link #request} describes
   */
  public static MessageEncoder response(ResponseHead head, HttpMethod requestMethod) {
    Objects.requireNonNull(requestMethod, "requestMethod");
    Headers headers = head.headers();
    if ((head.status() < 200 || head.status() == 204)
        && (headers.contains("Content-Length") || headers.contains("Transfer-Encoding"))) {
      throw new IllegalArgumentException(
          "a " + head.status() + " response must not have Content-Length or Transfer-Encoding");
    }
    try {
      FramingRules.Body body =
          FramingRules.response(requestMethod, head.status(), head.version(), headers);
      return new MessageEncoder(HeadEncoder.response(head), body);
    } catch (HttpParseException e) {
      throw new IllegalArgumentException("invalid response head: " + e.reason());
    }
  }

  /** Returns the start line and header section, ready to send; the same bytes on every call. */
  public Bytes head() {
    return head;
  }

  /** Returns how the body is framed. */
  public Framing framing() {
    return framing;
  }

  /**
   * Returns {@code data} framed as the next piece of the body: as it is, or as a chunk. Empty
   * data gives an empty list, never an empty chunk (which would end the body).
   *
   * @throws IllegalStateException after {@link #end}, if the message has no body ({@link
   *     Framing#NONE} or {@link Framing#SWITCH}) and {@code data} is not empty, or if {@code
   *     data} is more than what remains of the {@code Content-Length}
   */
  public List<Bytes> content(Bytes data) {
    checkNotEnded();
    if (data.isEmpty()) {
      return List.of();
    }
    return switch (framing) {
      case NONE, SWITCH -> throw new IllegalStateException(
          "this message has no body, cannot write " + data.size() + " bytes");
      case CONTENT_LENGTH -> {
        if (data.size() > remaining) {
          throw new IllegalStateException("cannot write " + data.size()
              + " bytes: only " + remaining + " remain of the Content-Length");
        }
        remaining -= data.size();
        yield List.of(data);
      }
      case UNTIL_CLOSE -> List.of(data);
      case CHUNKED -> List.of(HeadEncoder.chunkSize(data.size()), data, CRLF);
    };
  }

  /**
   * Counts {@code count} bytes of content that the caller sends to the connection itself,
   * unframed, instead of through {@link #content(Bytes)}: a region of a file given to {@code
   * Transport.writeFile}. Only a body with a {@code Content-Length} or delimited by closing can
   * take such content.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException after {@link #end}, if the body is chunked or there is none
   *     and {@code count} is not 0, or if {@code count} is more than what remains of the {@code
   *     Content-Length}
   */
  public void countContent(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("a count of content must be 0 or more: " + count);
    }
    checkNotEnded();
    if (count == 0) {
      return;
    }
    switch (framing) {
      case NONE, SWITCH -> throw new IllegalStateException(
          "this message has no body, cannot count " + count + " bytes");
      case CHUNKED -> throw new IllegalStateException(
          "a chunked body frames every piece; cannot count " + count + " unframed bytes");
      case CONTENT_LENGTH -> {
        if (count > remaining) {
          throw new IllegalStateException("cannot count " + count
              + " bytes: only " + remaining + " remain of the Content-Length");
        }
        remaining -= count;
      }
      case UNTIL_CLOSE -> { }
    }
  }

  /**
   * Returns what ends the message: the last chunk for a chunked body, else nothing (a body
   * delimited by closing ends when the caller closes the connection).
   *
   * @throws IllegalStateException if called twice, or if less content was written than the
   *     {@code Content-Length} says
   */
  public Bytes end() {
    return end(new Headers());
  }

  /**
   * Returns what ends the message, with {@code trailers} after a chunked body.
   *
   * @throws IllegalStateException as {@link #end()} does, or if {@code trailers} is not empty
   *     and the body is not chunked
   */
  public Bytes end(Headers trailers) {
    checkNotEnded();
    if (!trailers.isEmpty() && framing != Framing.CHUNKED) {
      throw new IllegalStateException("trailers need a chunked body; this one is " + framing);
    }
    if (framing == Framing.CONTENT_LENGTH && remaining > 0) {
      throw new IllegalStateException(
          remaining + " bytes of the Content-Length have not been written");
    }
    ended = true;
    return framing == Framing.CHUNKED ? HeadEncoder.lastChunk(trailers) : Bytes.EMPTY;
  }

  private void checkNotEnded() {
    if (ended) {
      throw new IllegalStateException("the message has already ended");
    }
  }
}
