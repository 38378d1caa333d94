package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The application's side of one WebSocket connection: it hears the connection's events and
 * talks back through its {@link #connection()} (Autobahn's {@code WebSocketServerProtocol} and
 * {@code WebSocketClientProtocol}).
 *
 * <pre>{@code
 * final class Echo extends WebSocketProtocol {
 *   @Override
 *   public void onMessage(Bytes payload, boolean binary) {
 *     connection().sendMessage(payload, binary);
 *   }
 * }
 * }</pre>
 *
 * <p>Lifecycle: on a server, {@link #onConnect} first, to accept the handshake or not; then
 * {@link #onOpen} once, when the connection is ready to send and receive; then any
 * number of {@link #onMessage}, {@link #onPing} and {@link #onPong}; then {@link #onClose}
 * exactly once, when the connection has ended, however it ended.
 *
 * <p>Threading: every method is called on the thread of the reactor that owns the connection,
 * so a protocol needs no locks. An exception thrown by a method aborts the connection, as one
 * thrown by a {@link dev.twine.internet.Protocol} does.
 */
public abstract class WebSocketProtocol {
  private @Nullable WebSocketConnection connection;

  /** Creates a protocol that is not connected yet. */
  protected WebSocketProtocol() {}

  /** Attaches the protocol to its connection; the connection calls this before {@link #onOpen}. */
  final void attach(WebSocketConnection connection) {
    if (this.connection != null) {
      throw new IllegalStateException(getClass().getName() + " is already attached to " + this.connection);
    }
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /**
   * Returns the connection this protocol speaks on.
   *
   * @throws IllegalStateException before the connection has opened
   */
  public final WebSocketConnection connection() {
    WebSocketConnection current = connection;
    if (current == null) {
      throw new IllegalStateException(getClass().getName() + " has no connection yet");
    }
    return current;
  }

  /**
   * Called on a server with the client's opening handshake, before the connection opens and
   * before {@link #connection()} exists: returns whether to accept it, with which subprotocol
   * and extra headers, or to deny it with an HTTP status (Autobahn's {@code onConnect}). The
   * default accepts it without a subprotocol. A client's protocol is not asked.
   */
  public Admission onConnect(ConnectionRequest request) {
    return Admission.accept();
  }

  /** Called once the connection is open: messages can be sent from here on. */
  public void onOpen() {}

  /**
   * Called with each message received, whole: {@code binary} tells a binary message from a text
   * one, whose payload is valid UTF-8 (read it with {@link Bytes#utf8()}). The default discards it.
   */
  public void onMessage(Bytes payload, boolean binary) {}

  /** Called with each ping received, after the connection has answered it with a pong. */
  public void onPing(Bytes payload) {}

  /** Called with each pong received, whether it answers a ping or not. */
  public void onPong(Bytes payload) {}

  /**
   * Called once when the connection has ended. {@code wasClean} says whether both sides sent a
   * close frame before it ended. {@code code} and {@code reason} are those of the peer's close
   * frame ({@link CloseCode#NO_STATUS_RECEIVED} if it had no code); without one, {@code code} is
   * {@link CloseCode#ABNORMAL_CLOSURE} and {@code reason} says what happened.
   */
  public void onClose(boolean wasClean, CloseCode code, String reason) {}
}
