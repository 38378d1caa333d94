package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.web.websocket.CloseCode;
import dev.twine.web.websocket.WebSocketProtocol;

/**
 * A WebSocket client of a {@link ChatRoom}, such as the chat page of {@code twine chat --web}:
 * it speaks as a line client does, with text messages for lines. A message of several lines
 * counts as that many lines, so that line clients never receive a line break inside a message; a
 * binary message closes the connection with {@link CloseCode#UNSUPPORTED_DATA}.
 *
 * <p>Threading: the members of a room live on one reactor.
 */
final class WebChat extends WebSocketProtocol {
  private final ChatMember member;

  /** Creates a WebSocket client of {@code room}. */
  WebChat(ChatRoom room) {
    this.member = new ChatMember(room, text -> connection().sendMessage(text));
  }

  @Override
  public void onOpen() {
    member.greet();
  }

  @Override
  public void onMessage(Bytes payload, boolean binary) {
    if (binary) {
      connection().sendClose(CloseCode.UNSUPPORTED_DATA, "the chat takes text messages only");
      return;
    }
    payload.utf8().lines().forEach(member::hear);
  }

  @Override
  public void onClose(boolean wasClean, CloseCode code, String reason) {
    member.leave();
  }
}
