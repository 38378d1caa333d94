package dev.twine.web.websocket;

import dev.twine.web.http.Headers;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's answer to a client's opening handshake, as {@link WebSocketProtocol#onConnect}
 * returns it: accept, maybe with a subprotocol and extra response headers, or deny with an HTTP
 * status (Autobahn's {@code ConnectionAccept} and {@code ConnectionDeny}).
 *
 * <pre>{@code
 * public Admission onConnect(ConnectionRequest request) {
 *   if (request.request().cookie("session").isEmpty()) {
 *     return Admission.deny(401, "log in first");
 *   }
 *   return request.handshake().selectSubprotocol(List.of("chat.v2", "chat"))
 *       .map(Admission::accept).orElse(Admission.accept());
 * }
 * }</pre>
 */
public sealed interface Admission permits Admission.Accept, Admission.Deny {

  /** Returns the acceptance without a subprotocol or extra headers. */
  static Admission accept() {
    return new Accept(Optional.empty(), new Headers());
  }

  /** Returns the acceptance that selects {@code subprotocol}, one the client offered. */
  static Admission accept(String subprotocol) {
    return new Accept(Optional.of(subprotocol), new Headers());
  }

  /**
   * Returns the acceptance that selects {@code subprotocol} and adds {@code headers} to the
   * {@code 101} response, such as {@code Set-Cookie}.
   */
  static Admission accept(String subprotocol, Headers headers) {
    return new Accept(Optional.of(subprotocol), headers);
  }

  /** Returns the refusal with {@code status}, from 400 to 599, and {@code reason} shown on its page. */
  static Admission deny(int status, String reason) {
    return new Deny(status, reason);
  }

  /**
   * The handshake is accepted.
   *
   * @param subprotocol the subprotocol selected, which must be one the client offered; empty for
   *     none
   * @param headers extra header fields of the {@code 101} response; the handshake's own fields
   *     ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}) are not allowed
   */
  record Accept(Optional<String> subprotocol, Headers headers) implements Admission {
    /** Creates it; the headers are copied. */
    public Accept {
      Objects.requireNonNull(subprotocol, "subprotocol");
      headers = headers.copy();
    }
  }

  /**
   * The handshake is refused with an HTTP error response.
   *
   * @param status the status, from 400 to 599
   * @param reason what the error page says
   */
  record Deny(int status, String reason) implements Admission {
    /**
     * Creates it.
     *
     * @throws IllegalArgumentException if the status is not from 400 to 599
     */
    public Deny {
      Objects.requireNonNull(reason, "reason");
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a refusal's status is from 400 to 599: " + status);
      }
    }
  }
}
