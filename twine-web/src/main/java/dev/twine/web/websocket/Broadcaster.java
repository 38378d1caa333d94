package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Sends one message to many connections, such as every member of a chat room, encoding it as
 * few times as it can: server connections that fragment alike and either do not compress the
 * message or compress it without context takeover share the same bytes, encoded once. A
 * connection that compresses with context takeover, or a client's, which masks, encodes its own.
 *
 * <pre>{@code
 * Broadcaster room = new Broadcaster();
 * // in a WebSocketProtocol
 * public void onOpen() { room.add(connection()); }
 * public void onMessage(Bytes payload, boolean binary) { room.broadcast(payload, binary); }
 * public void onClose(boolean wasClean, CloseCode code, String reason) { room.remove(connection()); }
 * }</pre>
 *
 * <p>Connections that are closing or closed are skipped and removed. Each connection queues the
 * message on its own transport: one that reads slowly holds its copy in its own buffer. The
 * connections may change while a message is being sent, such as from a producer that the send
 * pauses; the message goes to those there when it started.
 *
 * <p>Threading: not thread-safe. Use a broadcaster on the thread of the reactor that owns its
 * connections; connections of other reactors are reached with {@code callFromThread}.
 */
public final class Broadcaster {
  private final Set<WebSocketConnection> connections = new LinkedHashSet<>();

  /** Creates a broadcaster with no connection. */
  public Broadcaster() {}

  /** Adds {@code connection}; returns whether it was not there already. */
  public boolean add(WebSocketConnection connection) {
    return connections.add(Objects.requireNonNull(connection, "connection"));
  }

  /** Removes {@code connection}; returns whether it was there. */
  public boolean remove(WebSocketConnection connection) {
    return connections.remove(connection);
  }

  /** Returns the connections, in the order they were added. */
  public List<WebSocketConnection> connections() {
    return List.copyOf(connections);
  }

  /** Returns how many connections there are. */
  public int size() {
    return connections.size();
  }

  /**
   * Sends a text message to every open connection; returns to how many.
   *
   * @throws IllegalStateException if a connection is not made yet
   */
  public int broadcast(String text) {
    return broadcast(Bytes.utf8(text), false);
  }

  /**
   * Sends a message to every open connection, as {@link WebSocketConnection#sendMessage(Bytes,
   * boolean)} does; returns to how many. Connections that are closing or closed are removed.
   *
   * @throws IllegalArgumentException if a text payload is not valid UTF-8
   * @throws IllegalStateException if a connection is not made yet
   */
  public int broadcast(Bytes payload, boolean binary) {
    PreparedMessage message = new PreparedMessage(payload, binary, true);
    int sent = 0;
    for (WebSocketConnection connection : List.copyOf(connections)) {
      if (connection.send(message)) {
        sent++;
      } else {
        connections.remove(connection);
      }
    }
    return sent;
  }
}
