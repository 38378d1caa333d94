package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.protocols.LineReceiver;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One member of a line-based chat room (the {@code LineReceiver} chat of Twisted's "Writing
 * Servers"): it asks for a name, refuses one that is taken, then relays each line to every other
 * member as {@code <name> line}. A member that leaves frees its name.
 *
 * <p>Threading: the members of a room share its map, so they live on one reactor.
 */
final class Chat extends LineReceiver {
  private final Map<String, Chat> members;
  private @Nullable String name;

  /** Creates a member of the room whose members, by name, are {@code members}. */
  Chat(Map<String, Chat> members) {
    this.members = members;
  }

  @Override
  public void connectionMade() {
    sendLine("What's your name?");
  }

  @Override
  protected void lineReceived(Bytes line) {
    String text = line.utf8();
    String current = name;
    if (current == null) {
      join(text);
    } else {
      relay("<" + current + "> " + text);
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    String current = name;
    if (current != null) {
      members.remove(current, this);
    }
  }

  private void join(String wanted) {
    if (members.containsKey(wanted)) {
      sendLine("Name taken, please choose another.");
      return;
    }
    sendLine("Welcome, " + wanted + "!");
    name = wanted;
    members.put(wanted, this);
  }

  private void relay(String message) {
    for (Chat member : members.values()) {
      if (member != this) {
        member.sendLine(message);
      }
    }
  }
}
