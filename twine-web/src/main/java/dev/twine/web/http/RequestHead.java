package dev.twine.web.http;

import java.util.Objects;

/**
 * The request line and header fields of a request: what a server reads before the body, and what
 * a client writes.
 *
 * <pre>{@code
 * RequestHead head =
 *     RequestHead.of(HttpMethod.GET, "/index.html", Headers.of("Host", "example.com"));
 * }</pre>
 *
 * <p>The target is kept as sent, percent-encoding and all; its {@link #targetForm() form} tells
 * how to read it. The headers are the live, mutable list of this head, not a copy.
 *
 * @param method the method
 * @param target the request target, such as {@code /where?q=now}
 * @param version the protocol version
 * @param headers the header fields
 */
public record RequestHead(HttpMethod method, String target, HttpVersion version, Headers headers)
    implements RequestEvent {

  /**
   * Creates a head.
   *
   * @throws IllegalArgumentException if {@code target} is not a valid target for {@code method}
   *     (RFC 9112 section 3.2): a {@code CONNECT} needs {@code host:port}, {@code *} is only for
   *     {@code OPTIONS}, any other target is a path or an absolute URI made of RFC 3986
   *     characters, with any other character percent-encoded
   */
  public RequestHead {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(headers, "headers");
    String problem = Targets.problem(method, target);
    if (problem != null) {
      throw new IllegalArgumentException(problem + ": \"" + target + "\"");
    }
  }

  /** Returns an HTTP/1.1 head. */
  public static RequestHead of(HttpMethod method, String target, Headers headers) {
    return new RequestHead(method, target, HttpVersion.HTTP_1_1, headers);
  }

  /** Returns the form of the target. */
  public TargetForm targetForm() {
    return Targets.form(method, target);
  }

  /**
   * Returns whether the client asks to keep the connection open after this exchange: HTTP/1.1
   * unless {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}.
   */
  public boolean keepAlive() {
    return FramingRules.keepAlive(version, headers);
  }
}
