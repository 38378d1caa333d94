package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.protocols.LineReceiver;

/**
 * A line client of a {@link ChatRoom} (the {@code LineReceiver} chat of Twisted's "Writing
 * Servers"): each CRLF-terminated line is one message of its {@link ChatMember}, and each message
 * for it goes out as one line.
 *
 * <p>Threading: the members of a room live on one reactor.
 */
final class Chat extends LineReceiver {
  private final ChatMember member;

  /** Creates a line client of {@code room}. */
  Chat(ChatRoom room) {
    this.member = new ChatMember(room, this::sendLine);
  }

  @Override
  public void connectionMade() {
    member.greet();
  }

  @Override
  protected void lineReceived(Bytes line) {
    member.hear(line.utf8());
  }

  @Override
  public void connectionLost(Failure reason) {
    member.leave();
  }
}
