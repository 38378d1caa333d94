package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;

/** A protocol that records what its connection tells it, as readable strings. */
class Recorder extends WebSocketProtocol {
  final List<String> events = new ArrayList<>();

  @Override
  public void onOpen() {
    events.add("open");
  }

  @Override
  public void onMessage(Bytes payload, boolean binary) {
    events.add(binary ? "binary " + payload.hex() : "text " + payload.utf8());
  }

  @Override
  public void onPing(Bytes payload) {
    events.add("ping " + payload.utf8());
  }

  @Override
  public void onPong(Bytes payload) {
    events.add("pong " + payload.utf8());
  }

  @Override
  public void onClose(boolean wasClean, CloseCode code, String reason) {
    events.add("close " + (wasClean ? "clean " : "unclean ") + code.value() + " " + reason);
  }

  /** Returns the events recorded since the last call, and forgets them. */
  List<String> take() {
    List<String> taken = List.copyOf(events);
    events.clear();
    return taken;
  }
}
