package dev.twine.web.websocket;

import dev.twine.web.Request;
import java.util.Objects;

/**
 * A client's opening handshake as the server's {@link WebSocketProtocol#onConnect} sees it: the
 * HTTP request (path, query, cookies, addresses, every header) and what it asks of WebSocket.
 *
 * @param request the HTTP request; its response is the handshake's, so it must not be written to
 * @param handshake the subprotocols and extensions offered, and the {@code Origin}
 */
public record ConnectionRequest(Request request, HandshakeRequest handshake) {
  /** Creates it. */
  public ConnectionRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handshake, "handshake");
  }
}
