package dev.twine.testing;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import java.util.ArrayList;
import java.util.List;

/** A protocol that records its events and keeps what it received. */
class Recorder extends Protocol {
  final List<String> events = new ArrayList<>();
  final StringBuilder received = new StringBuilder();

  @Override
  public void connectionMade() {
    events.add("made");
  }

  @Override
  public void dataReceived(Bytes data) {
    events.add("data " + data.utf8());
    received.append(data.utf8());
  }

  @Override
  public void connectionLost(Failure reason) {
    events.add("lost " + reason.type().getSimpleName());
  }

  /** A recorder that hears half-closes too. */
  static class HalfClosing extends Recorder implements HalfCloseableProtocol {
    @Override
    public void readConnectionLost() {
      events.add("readConnectionLost");
    }

    @Override
    public void writeConnectionLost() {
      events.add("writeConnectionLost");
    }
  }
}
