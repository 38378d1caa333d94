package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.web.websocket.WebSocketProtocol;

/** The WebSocket echo of {@code twine wsecho}: sends every message back as it came, text or binary. */
final class WsEcho extends WebSocketProtocol {
  /** Creates it; one per connection. */
  WsEcho() {}

  @Override
  public void onMessage(Bytes payload, boolean binary) {
    connection().sendMessage(payload, binary);
  }
}
