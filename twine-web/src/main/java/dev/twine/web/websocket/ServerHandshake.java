package dev.twine.web.websocket;

import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.ResponseHead;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's side of the opening handshake (RFC 6455 section 4.2): checking a client's
 * request and writing the {@code 101 Switching Protocols} response that accepts it.
 *
 * <pre>{@code
 * HandshakeRequest asked = ServerHandshake.check(head);          // or HandshakeException
 * Agreement agreement = Agreement.NONE.withExtensions(
 *     options.deflate().accept(asked.extensions()).stream().toList());
 * ResponseHead response = ServerHandshake.response(asked, agreement, new Headers());
 * }</pre>
 *
 * <p>Both are pure functions of their arguments.
 */
public final class ServerHandshake {
  private static final List<String> HANDSHAKE_FIELDS = List.of("upgrade", "connection",
      "sec-websocket-key", "sec-websocket-accept", "sec-websocket-version",
      "sec-websocket-protocol", "sec-websocket-extensions");

  private ServerHandshake() {}

  /**
   * Returns whether a request asks to switch to WebSocket: {@code Upgrade: websocket} with {@code
   * Connection: Upgrade}. A resource that serves both HTTP and WebSocket at one path sends the
   * others to HTTP.
   */
  public static boolean isUpgrade(RequestHead head) {
    return head.headers().containsToken("Upgrade", "websocket")
        && head.headers().containsToken("Connection", "upgrade");
  }

  /**
   * Checks that {@code head} is a valid opening handshake, and returns what it asks for.
   *
   * @throws HandshakeException with 405 for a method other than GET; 400 for HTTP/1.0, a missing
   *     or invalid {@code Sec-WebSocket-Key}, an invalid subprotocol or extension list, or more
   *     than one {@code Origin}; 426 without {@code Upgrade: websocket} and {@code Connection:
   *     Upgrade}, or with a {@code Sec-WebSocket-Version} other than 13
   */
  public static HandshakeRequest check(RequestHead head) {
    Headers headers = head.headers();
    if (head.method() != HttpMethod.GET) {
      throw new HandshakeException(405, "a WebSocket handshake uses GET, not " + head.method(),
          Headers.of("Allow", "GET"));
    }
    if (head.version() != HttpVersion.HTTP_1_1) {
      throw new HandshakeException(400, "a WebSocket handshake needs HTTP/1.1");
    }
    if (!isUpgrade(head)) {
      throw new HandshakeException(426, "expected Upgrade: websocket and Connection: Upgrade",
          Headers.of("Upgrade", "websocket", "Connection", "Upgrade"));
    }
    List<String> versions = headers.all("Sec-WebSocket-Version");
    if (versions.size() != 1 || !versions.get(0).equals("13")) {
      throw new HandshakeException(426, "unsupported Sec-WebSocket-Version " + versions
          + ", expected 13", Headers.of("Sec-WebSocket-Version", "13"));
    }
    List<String> keys = headers.all("Sec-WebSocket-Key");
    if (keys.size() != 1 || !HandshakeKeys.isValidKey(keys.get(0))) {
      throw new HandshakeException(400, "expected one Sec-WebSocket-Key of 16 bytes in base64, got " + keys);
    }
    List<String> origins = headers.all("Origin");
    if (origins.size() > 1) {
      throw new HandshakeException(400, "more than one Origin: " + origins);
    }
    try {
      return new HandshakeRequest(keys.get(0),
          HandshakeSyntax.tokens("Sec-WebSocket-Protocol", headers.all("Sec-WebSocket-Protocol")),
          WebSocketExtension.parse(headers.all("Sec-WebSocket-Extensions")),
          origins.stream().findFirst());
    } catch (IllegalArgumentException invalid) {
      throw new HandshakeException(400, String.valueOf(invalid.getMessage()));
    }
  }

  /**
   * Returns the {@code 101 Switching Protocols} response that accepts {@code request} with
   * {@code agreement}, followed by {@code extra} header fields (such as {@code Set-Cookie}).
   *
   * @throws IllegalArgumentException if the agreement selects a subprotocol or accepts an
   *     extension that the client did not offer, or {@code extra} holds a field of the
   *     handshake itself ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*})
   */
  public static ResponseHead response(HandshakeRequest request, Agreement agreement, Headers extra) {
    Optional<String> subprotocol = agreement.subprotocol();
    if (subprotocol.isPresent() && !request.subprotocols().contains(subprotocol.get())) {
      throw new IllegalArgumentException("subprotocol " + subprotocol.get()
          + " was not offered; the client offered " + request.subprotocols());
    }
    for (WebSocketExtension accepted : agreement.extensions()) {
      if (request.extensions().stream().noneMatch(offer -> offer.named(accepted.name()))) {
        throw new IllegalArgumentException("extension " + accepted.name() + " was not offered");
      }
    }
    Headers headers = Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
        "Sec-WebSocket-Accept", HandshakeKeys.accept(request.key()));
    subprotocol.ifPresent(name -> headers.add("Sec-WebSocket-Protocol", name));
    if (!agreement.extensions().isEmpty()) {
      headers.add("Sec-WebSocket-Extensions", WebSocketExtension.format(agreement.extensions()));
    }
    addExtra(headers, extra);
    return ResponseHead.of(101, headers);
  }

  /**
   * Appends {@code extra} to {@code headers}.
   *
   * @throws IllegalArgumentException if {@code extra} holds a field of the handshake itself
   */
  static void addExtra(Headers headers, Headers extra) {
    for (int i = 0; i < extra.size(); i++) {
      String name = extra.name(i);
      if (HANDSHAKE_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "the handshake sets " + name + " itself; it cannot be an extra header");
      }
      headers.add(name, extra.value(i));
    }
  }
}
