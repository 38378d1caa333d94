package dev.twine.cli.commands;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One client's conversation with a {@link ChatRoom}, whatever carries it: it asks for a name,
 * refuses one that is taken, then relays each message to every other member as {@code <name>
 * message}. Leaving frees the name. The line chat and the WebSocket chat each drive one.
 *
 * <p>Threading: used on the room's reactor thread only.
 */
final class ChatMember {
  private final ChatRoom room;
  private final Consumer<String> client;
  private @Nullable String name;

  /** Creates a member of {@code room} that sends what it has to say to {@code client}. */
  ChatMember(ChatRoom room, Consumer<String> client) {
    this.room = Objects.requireNonNull(room, "room");
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Asks the newly connected client for its name. */
  void greet() {
    client.accept("What's your name?");
  }

  /** Takes {@code text} from the client: its name while it has none, then a message to relay. */
  void hear(String text) {
    String current = name;
    if (current != null) {
      room.relay(this, "<" + current + "> " + text);
    } else if (room.join(text, this)) {
      name = text;
      client.accept("Welcome, " + text + "!");
    } else {
      client.accept("Name taken, please choose another.");
    }
  }

  /** Sends {@code message}, said by another member, to the client. */
  void tell(String message) {
    client.accept(message);
  }

  /** Leaves the room once the client has gone; a client that never chose a name changes nothing. */
  void leave() {
    String current = name;
    if (current != null) {
      room.leave(current, this);
    }
  }
}
