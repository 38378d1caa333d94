package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.internet.ReactorTime;
import dev.twine.web.websocket.OriginPolicy;
import dev.twine.web.websocket.PerMessageDeflate;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketProtocol;
import dev.twine.web.websocket.WebSocketResource;

/**
 * The WebSocket echo of {@code twine wsecho} and {@code twine hello}: sends every message back as
 * it came, text or binary.
 */
final class WsEcho extends WebSocketProtocol {
  /** Creates it; one per connection. */
  WsEcho() {}

  /**
   * Returns a resource that answers WebSocket upgrades with an echo on {@code reactor}, accepting
   * permessage-deflate when a client offers it and pages of any origin: a test server holds
   * nothing that a page of another site could misuse.
   */
  static WebSocketResource resource(ReactorTime reactor) {
    return new WebSocketResource(reactor,
        WebSocketOptions.DEFAULT.withDeflate(PerMessageDeflate.DEFAULT), WsEcho::new)
        .withOriginPolicy(OriginPolicy.ANY_ORIGIN);
  }

  @Override
  public void onMessage(Bytes payload, boolean binary) {
    connection().sendMessage(payload, binary);
  }
}
