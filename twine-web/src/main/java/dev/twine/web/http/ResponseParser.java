package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads the responses a server sends on one connection, with the same head and body parsing as
 * {@link RequestParser}: data goes in with {@link #feed}, {@link ResponseEvent}s come out of
 * {@link #next}.
 *
 * <pre>{@code
 * encoder = MessageEncoder.request(head);
 * transport.write(encoder.head());
 * parser.requestSent(head.method());
 * // later, in dataReceived:
 * parser.feed(data);
 * for (Optional<ResponseEvent> e = parser.next(); e.isPresent(); e = parser.next()) { ... }
 * }</pre>
 *
 * <p>A response's body depends on the request it answers (RFC 9112 section 6.3): none after
 * {@code HEAD}, for 1xx, 204 and 304; the connection switches protocols after 101 or a 2xx to
 * {@code CONNECT}; else chunked, {@code Content-Length}, or until the server closes the
 * connection ({@link #endOfInput} then ends it). So the parser is told each request's method, in
 * the order the requests were sent, with {@link #requestSent}. Interim (1xx) responses come out
 * as a head and an end before the final response to the same request.
 *
 * <p>After a response that switches protocols, {@link #next} returns empty and the bytes that
 * followed its head are left for {@link #takeUnparsed}.
 *
 * <p>Invalid responses fail with {@link HttpParseException} and status 502, the answer of a
 * gateway that received them, whatever the problem; its reason tells which. A response cut short
 * by the end of the input fails too, except one delimited by that end.
 *
 * <p>Threading: not thread-safe; a parser belongs to its connection.
 */
public final class ResponseParser {
  private final MessageReader reader;
  private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
  private StartLines.@Nullable StatusLine line;
  private boolean switched;

  /** Creates a parser with {@link HttpLimits#DEFAULT}. */
  public ResponseParser() {
    this(HttpLimits.DEFAULT);
  }

  /** Creates a parser held to {@code limits}. */
  public ResponseParser(HttpLimits limits) {
    Objects.requireNonNull(limits, "limits");
    this.reader = new MessageReader(limits, new Input.LineLimit(
        400, "status line", "longer than", limits.maxStartLineLength()));
  }

  /** Records that a request with {@code method} was sent: the next unanswered one answers it. */
  public void requestSent(HttpMethod method) {
    methods.add(Objects.requireNonNull(method, "method"));
  }

  /**
   * Queues {@code data}, the next bytes from the server. After a parse failure data is dropped.
   *
   * @throws IllegalStateException after {@link #endOfInput}
   */
  public void feed(Bytes data) {
    reader.feed(Objects.requireNonNull(data, "data"));
  }

  /**
   * Says that the server closed the connection: this ends a body delimited by closing, and makes
   * {@link #next} fail if a response was cut short. Idempotent.
   */
  public void endOfInput() {
    reader.endOfInput();
  }

  /**
   * Returns the next event, or empty if the input fed so far holds no complete one, or the
   * connection switched protocols.
   *
   * @throws HttpParseException with 502 if the input breaks HTTP/1.1 or a limit, or a response
   *     arrives when no request is waiting for one; the same exception is thrown by every later
   *     call
   */
  public Optional<ResponseEvent> next() {
    reader.checkNotFailed();
    try {
      return Optional.ofNullable(step());
    } catch (HttpParseException e) {
      throw reader.fail(new HttpParseException(502, e.reason()));
    }
  }

  private @Nullable ResponseEvent step() {
    if (reader.inBody()) {
      return reader.nextInBody();
    }
    if (switched) {
      return null;
    }
    StartLines.StatusLine status = line;
    if (status == null) {
      Bytes text = reader.startLine(false);
      if (text == null) {
        return null;
      }
      status = StartLines.status(text);
      if (methods.isEmpty()) {
        throw new HttpParseException(400, "response without a request");
      }
      line = status;
    }
    Headers headers = reader.headers();
    if (headers == null) {
      return null;
    }
    line = null;
    HttpMethod method = status.status() >= 200 || status.status() == 101
        ? methods.remove() : methods.element();
    FramingRules.Body body =
        FramingRules.response(method, status.status(), status.version(), headers);
    switched = body.framing() == Framing.SWITCH;
    reader.startBody(body);
    return new ResponseHead(status.version(), status.status(), status.reason(), headers);
  }

  /**
   * Returns how the body of the response whose head {@link #next} returned last is framed.
   *
   * @throws IllegalStateException if no head has been returned yet
   */
  public Framing framing() {
    return reader.framing();
  }

  /**
   * Returns the body length of the response whose head {@link #next} returned last, when known
   * before the body arrives: 0 without a body, the {@code Content-Length}; empty when chunked,
   * delimited by closing, or switching protocols.
   *
   * @throws IllegalStateException if no head has been returned yet
   */
  public OptionalLong contentLength() {
    return reader.contentLength();
  }

  /**
   * Removes and returns the bytes fed but not parsed, in order: after a response that switched
   * protocols, they belong to the new protocol.
   */
  public List<Bytes> takeUnparsed() {
    return reader.drain();
  }
}
