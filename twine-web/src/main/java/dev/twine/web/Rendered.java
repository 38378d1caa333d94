package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Protocol;
import java.util.Objects;

/**
 * What a {@link Resource} renders a request to: the whole body now, the body later, or a
 * response that the resource streams itself. Twisted's {@code render} returned bytes or the
 * sentinel {@code NOT_DONE_YET}; here each case is a type of its own.
 *
 * <pre>{@code
 * resource
 *     .on(HttpMethod.GET, request -> Rendered.body("all at once"))
 *     .on(HttpMethod.POST, request -> Rendered.later(request.content().map(Uploads::store)))
 *     .on(HttpMethod.PUT, request -> {
 *       request.write(Bytes.ascii("piece by piece, "));
 *       clock.callLater(Duration.ofSeconds(1), () -> {
 *         request.write(Bytes.ascii("then done"));
 *         request.finish();
 *       });
 *       return Rendered.streaming();
 *     });
 * }</pre>
 *
 * <p>A body known at once, or through a Deferred, is sent with a {@code Content-Length} unless
 * the resource set its own framing or already wrote part of the response. A streamed response
 * whose resource set no {@code Content-Length} is chunked for HTTP/1.1 clients and delimited by
 * closing the connection for HTTP/1.0 ones.
 */
public sealed interface Rendered
    permits Rendered.Body, Rendered.Later, Rendered.Streaming, Rendered.SwitchProtocols {

  /** Returns a response whose body is {@code body}, after anything already written. */
  static Rendered body(Bytes body) {
    return new Body(body);
  }

  /** Returns a response whose body is {@code text} in UTF-8, after anything already written. */
  static Rendered body(String text) {
    return new Body(Bytes.utf8(text));
  }

  /**
   * Returns a response whose body is the value of {@code body} once it fires; if it fails, the
   * client gets a {@code 500 Internal Server Error} page (or, if the response has started, the
   * connection is aborted) and the failure is logged.
   */
  static Rendered later(Deferred<Bytes> body) {
    return new Later(body);
  }

  /**
   * Returns the promise that the resource writes the response itself, with {@link
   * Request#write}, a producer, and finally {@link Request#finish}.
   */
  static Rendered streaming() {
    return new Streaming();
  }

  /**
   * Returns the answer that hands the connection over to {@code protocol} (RFC 9110 section
   * 15.2.2), as a WebSocket handshake does: the server sends {@code 101 Switching Protocols} with
   * the headers the resource set, once the responses to earlier requests are out; then {@code
   * protocol} is made with the connection's transport and gets the bytes that followed the
   * request, and everything after. Only an HTTP/1.1 request without a body can switch; for any
   * other the resource fails with {@link IllegalStateException}, which gives a {@code 500}.
   */
  static Rendered switchProtocols(Protocol protocol) {
    return new SwitchProtocols(protocol);
  }

  /**
   * The whole body, known now.
   *
   * @param bytes the body
   */
  record Body(Bytes bytes) implements Rendered {
    /** Creates it. */
    public Body {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /**
   * The whole body, known when the Deferred fires.
   *
   * @param body the body to come
   */
  record Later(Deferred<Bytes> body) implements Rendered {
    /** Creates it. */
    public Later {
      Objects.requireNonNull(body, "body");
    }
  }

  /** A response that the resource writes and finishes itself. */
  record Streaming() implements Rendered {}

  /**
   * A switch of the connection to another protocol.
   *
   * @param protocol the protocol that takes the connection over
   */
  record SwitchProtocols(Protocol protocol) implements Rendered {
    /** Creates it. */
    public SwitchProtocols {
      Objects.requireNonNull(protocol, "protocol");
    }
  }
}
