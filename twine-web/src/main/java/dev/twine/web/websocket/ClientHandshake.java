package dev.twine.web.websocket;

import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.ResponseHead;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1): the request that asks a
 * server to speak WebSocket at a {@code ws://} or {@code wss://} URI, and the check of the
 * server's response, which settles the {@link Agreement}.
 *
 * <pre>{@code
 * ClientHandshake handshake = new ClientHandshake(URI.create("ws://example.com/chat"),
 *     HandshakeKeys.newKey(secureRandom), List.of("chat"), PerMessageDeflate.DEFAULT,
 *     new Headers());
 * RequestHead request = handshake.request();
 * // ... send it, read the response head ...
 * Agreement agreement = handshake.check(response);               // or HandshakeException
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class ClientHandshake {
  private final URI uri;
  private final boolean secure;
  private final String key;
  private final List<String> subprotocols;
  private final PerMessageDeflate deflate;
  private final Headers extra;

  /**
   * Creates the handshake for {@code uri}, with {@code key} as {@code Sec-WebSocket-Key},
   * offering {@code subprotocols} in order of preference and permessage-deflate as {@code
   * deflate} says, and sending {@code extra} header fields (such as {@code Origin} or {@code
   * Authorization}); {@code extra} is copied.
   *
   * @throws IllegalArgumentException if the URI is not an absolute {@code ws} or {@code wss} URI
   *     with a host and no fragment, the key is not 16 bytes in base64, a subprotocol is not a
   *     token or is repeated, or {@code extra} holds a field of the handshake itself
   */
  public ClientHandshake(URI uri, String key, List<String> subprotocols,
      PerMessageDeflate deflate, Headers extra) {
    String scheme = Objects.requireNonNull(uri, "uri").getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
      throw new IllegalArgumentException("a WebSocket URI is ws:// or wss://: " + uri);
    }
    if (uri.getHost() == null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a WebSocket URI needs a host and no fragment: " + uri);
    }
    if (!HandshakeKeys.isValidKey(key)) {
      throw new IllegalArgumentException("not a Sec-WebSocket-Key: \"" + key + "\"");
    }
    for (String subprotocol : subprotocols) {
      if (!HandshakeSyntax.isToken(subprotocol)) {
        throw new IllegalArgumentException("a subprotocol must be a token: \"" + subprotocol + "\"");
      }
    }
    if (new HashSet<>(subprotocols).size() != subprotocols.size()) {
      throw new IllegalArgumentException("a subprotocol is offered twice: " + subprotocols);
    }
    ServerHandshake.addExtra(new Headers(), extra);
    this.uri = uri;
    this.secure = scheme.equalsIgnoreCase("wss");
    this.key = key;
    this.subprotocols = List.copyOf(subprotocols);
    this.deflate = Objects.requireNonNull(deflate, "deflate");
    this.extra = extra.copy();
  }

  /** Returns whether the URI asks for TLS ({@code wss}). */
  public boolean secure() {
    return secure;
  }

  /** Returns the host to connect to, without the brackets of an IPv6 literal. */
  public String host() {
    String host = uri.getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Returns the port to connect to: the URI's, or 80 for {@code ws} and 443 for {@code wss}. */
  public int port() {
    return uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
  }

  /** Returns the request: {@code GET} of the URI's path and query, with the handshake's fields. */
  public RequestHead request() {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int defaultPort = secure ? 443 : 80;
    Headers headers = Headers.of(
        "Host", uri.getPort() >= 0 && uri.getPort() != defaultPort ? host + ":" + uri.getPort() : host,
        "Upgrade", "websocket",
        "Connection", "Upgrade",
        "Sec-WebSocket-Key", key,
        "Sec-WebSocket-Version", "13");
    if (!subprotocols.isEmpty()) {
      headers.add("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
    }
    List<WebSocketExtension> offer = deflate.offer();
    if (!offer.isEmpty()) {
      headers.add("Sec-WebSocket-Extensions", WebSocketExtension.format(offer));
    }
    ServerHandshake.addExtra(headers, extra);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return RequestHead.of(HttpMethod.GET, target, headers);
  }

  /**
   * Checks the server's response and returns what it agreed to.
   *
   * @throws HandshakeException with 502 unless the response is {@code 101} with {@code Upgrade:
   *     websocket}, {@code Connection: Upgrade}, the right {@code Sec-WebSocket-Accept}, at most
   *     one subprotocol among those offered, and no extension but a valid answer to the
   *     permessage-deflate offer
   */
  public Agreement check(ResponseHead response) {
    Headers headers = response.headers();
    if (response.status() != 101) {
      throw refused("the server answered " + response.status() + " " + response.reason()
          + ", not 101 Switching Protocols");
    }
    if (!headers.containsToken("Upgrade", "websocket")
        || !headers.containsToken("Connection", "upgrade")) {
      throw refused("the response lacks Upgrade: websocket or Connection: Upgrade");
    }
    List<String> accepts = headers.all("Sec-WebSocket-Accept");
    if (accepts.size() != 1 || !accepts.get(0).equals(HandshakeKeys.accept(key))) {
      throw refused("wrong Sec-WebSocket-Accept " + accepts + " for key " + key);
    }
    try {
      return new Agreement(subprotocol(headers), extensions(headers));
    } catch (IllegalArgumentException invalid) {
      throw refused(String.valueOf(invalid.getMessage()));
    }
  }

  private Optional<String> subprotocol(Headers headers) {
    List<String> selected =
        HandshakeSyntax.tokens("Sec-WebSocket-Protocol", headers.all("Sec-WebSocket-Protocol"));
    if (selected.size() > 1 || (selected.size() == 1 && !subprotocols.contains(selected.get(0)))) {
      throw new IllegalArgumentException("the server selected " + selected
          + ", not one of the subprotocols offered: " + subprotocols);
    }
    return selected.stream().findFirst();
  }

  private List<WebSocketExtension> extensions(Headers headers) {
    List<WebSocketExtension> accepted =
        WebSocketExtension.parse(headers.all("Sec-WebSocket-Extensions"));
    if (accepted.isEmpty()) {
      return accepted;
    }
    if (accepted.size() > 1 || !deflate.enabled() || !accepted.get(0).named(PerMessageDeflate.NAME)) {
      throw new IllegalArgumentException("the server accepted extensions that were not offered: "
          + WebSocketExtension.format(accepted));
    }
    deflate.confirm(accepted.get(0));
    return accepted;
  }

  private static HandshakeException refused(String reason) {
    return new HandshakeException(502, reason);
  }
}
