package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads the requests a client sends on one connection: data goes in with {@link #feed} as it
 * arrives, in pieces of any size, and parsed {@link RequestEvent}s come out of {@link #next}.
 *
 * <pre>{@code
 * public void dataReceived(Bytes data) {
 *   parser.feed(data);
 *   try {
 *     for (Optional<RequestEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
 *       switch (e.get()) {
 *         case RequestHead head -> ...;
 *         case Content content -> ...;
 *         case MessageEnd end -> ...;
 *       }
 *     }
 *   } catch (HttpParseException bad) {
 *     respondAndClose(bad.status(), bad.reason());
 *   }
 * }
 * }</pre>
 *
 * <p>Feeding only queues: parsing happens in {@link #next}, one event at a time, so a caller
 * that wants to stop (too many pipelined requests waiting, a paused body consumer, a protocol
 * switch) stops calling it and the rest stays unparsed. Pipelined requests come out one after
 * another. The same events come out whatever the pieces the input arrived in.
 *
 * <p>The parser is strict (RFC 9110, RFC 9112): see {@link HttpParseException} for the statuses
 * and {@link HttpLimits} for the bounds. Among what it refuses with 400: bare CR or LF and
 * obs-fold in the head, whitespace before a field's colon, invalid characters in the method,
 * target or field names and values, a missing or repeated {@code Host} in HTTP/1.1, both {@code
 * Content-Length} and {@code Transfer-Encoding}, {@code Transfer-Encoding} in HTTP/1.0 or without
 * {@code chunked} last, a {@code Content-Length} that is not decimal digits or has differing
 * values, chunk sizes that are not plain hex. Unknown transfer codings get 501, HTTP versions
 * other than 1.x (including the HTTP/2 preface) 505.
 *
 * <p>Copies: a request that arrives in one piece is read straight from it. Header names become
 * strings once (common ones are shared constants), header values when they are first read; body
 * bytes come out as slices of the fed data; only a line cut between two pieces is gathered into
 * one array.
 *
 * <p>Threading: not thread-safe; a parser belongs to its connection.
 */
public final class RequestParser {
  private final MessageReader reader;
  private StartLines.@Nullable RequestLine line;

  /** Creates a parser with {@link HttpLimits#DEFAULT}. */
  public RequestParser() {
    this(HttpLimits.DEFAULT);
  }

  /** Creates a parser held to {@code limits}. */
  public RequestParser(HttpLimits limits) {
    Objects.requireNonNull(limits, "limits");
    this.reader = new MessageReader(limits, new Input.LineLimit(
        414, "request line", "longer than", limits.maxStartLineLength()));
  }

  /**
   * Queues {@code data}, the next bytes from the client. After a parse failure data is dropped.
   *
   * @throws IllegalStateException after {@link #endOfInput}
   */
  public void feed(Bytes data) {
    reader.feed(Objects.requireNonNull(data, "data"));
  }

  /**
   * Says that the client will send no more: a request cut short then fails {@link #next}.
   * Idempotent.
   */
  public void endOfInput() {
    reader.endOfInput();
  }

  /**
   * Returns whether bytes have been fed that no event has consumed yet: between requests, the
   * start of the next one.
   */
  public boolean holdsInput() {
    return reader.holdsInput();
  }

  /**
   * Returns the next event, or empty if the input fed so far holds no complete one.
   *
   * @throws HttpParseException if the input breaks HTTP/1.1 or a limit; the same exception is
   *     thrown by every later call, as the connection cannot be read further
   */
  public Optional<RequestEvent> next() {
    reader.checkNotFailed();
    try {
      return Optional.ofNullable(step());
    } catch (HttpParseException e) {
      throw reader.fail(e);
    }
  }

  private @Nullable RequestEvent step() {
    if (reader.inBody()) {
      return reader.nextInBody();
    }
    StartLines.RequestLine request = line;
    if (request == null) {
      Bytes text = reader.startLine(true);
      if (text == null) {
        return null;
      }
      request = StartLines.request(text);
      line = request;
    }
    Headers headers = reader.headers();
    if (headers == null) {
      return null;
    }
    line = null;
    FramingRules.checkHost(request.version(), headers);
    reader.startBody(FramingRules.request(request.version(), headers));
    return new RequestHead(request.method(), request.target(), request.version(), headers);
  }

  /**
   * Returns how the body of the request whose head {@link #next} returned last is framed: {@link
   * Framing#NONE}, {@link Framing#CONTENT_LENGTH} or {@link Framing#CHUNKED}.
   *
   * @throws IllegalStateException if no head has been returned yet
   */
  public Framing framing() {
    return reader.framing();
  }

  /**
   * Returns the body length of the request whose head {@link #next} returned last, when known
   * before the body arrives: 0 without a body, the {@code Content-Length}; empty when chunked.
   *
   * @throws IllegalStateException if no head has been returned yet
   */
  public OptionalLong contentLength() {
    return reader.contentLength();
  }

  /**
   * Removes and returns the bytes fed but not parsed, in order: after a request that switches
   * protocols (such as a WebSocket upgrade or CONNECT), they belong to the new protocol. Call it
   * after the request's {@link MessageEnd} and before calling {@link #next} again.
   */
  public List<Bytes> takeUnparsed() {
    return reader.drain();
  }
}
