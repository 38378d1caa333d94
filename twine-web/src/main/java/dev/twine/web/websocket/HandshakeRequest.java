package dev.twine.web.websocket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client's valid opening handshake asks for, as {@link ServerHandshake#check} reads it.
 *
 * @param key the {@code Sec-WebSocket-Key}, which the response answers
 * @param subprotocols the subprotocols offered, in the client's order of preference
 * @param extensions the extensions offered, in the client's order of preference
 * @param origin the {@code Origin} a browser sends, if any, for the server to check
 */
public record HandshakeRequest(String key, List<String> subprotocols,
    List<WebSocketExtension> extensions, Optional<String> origin) {

  /**
   * Creates a request.
   *
   * @throws IllegalArgumentException if the key is not a valid {@code Sec-WebSocket-Key} or a
   *     subprotocol is not a token
   */
  public HandshakeRequest {
    if (!HandshakeKeys.isValidKey(key)) {
      throw new IllegalArgumentException("not a Sec-WebSocket-Key: \"" + key + "\"");
    }
    subprotocols = List.copyOf(subprotocols);
    for (String subprotocol : subprotocols) {
      if (!HandshakeSyntax.isToken(subprotocol)) {
        throw new IllegalArgumentException("a subprotocol must be a token: \"" + subprotocol + "\"");
      }
    }
    extensions = List.copyOf(extensions);
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * Returns the subprotocol to select: the first of {@code supported}, in the server's order of
   * preference, that the client offered; empty if there is none.
   */
  public Optional<String> selectSubprotocol(List<String> supported) {
    return supported.stream().filter(subprotocols::contains).findFirst();
  }
}
