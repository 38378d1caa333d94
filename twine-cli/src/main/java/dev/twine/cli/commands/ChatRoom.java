package dev.twine.cli.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one room of {@code twine chat}: its members by name, whatever protocol each one speaks
 * (lines over TCP, or a WebSocket from the chat page). A name is taken until its member leaves,
 * across protocols.
 *
 * <p>Threading: every member of a room lives on the reactor thread that owns the room.
 */
final class ChatRoom {
  private final Map<String, ChatMember> members = new LinkedHashMap<>();

  /** Creates an empty room. */
  ChatRoom() {}

  /** Adds {@code member} as {@code name} and returns true, or returns false if the name is taken. */
  boolean join(String name, ChatMember member) {
    return members.putIfAbsent(name, member) == null;
  }

  /** Removes {@code member} from the room if it holds {@code name}, freeing the name. */
  void leave(String name, ChatMember member) {
    members.remove(name, member);
  }

  /** Tells {@code message} to every member but {@code sender}, in the order they joined. */
  void relay(ChatMember sender, String message) {
    for (ChatMember member : members.values()) {
      if (member != sender) {
        member.tell(message);
      }
    }
  }

  /** Returns the names taken now, in the order their members joined. */
  List<String> names() {
    return List.copyOf(members.keySet());
  }
}
