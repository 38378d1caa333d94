package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A protocol that records what happens to it, with Deferreds to wait on. */
class Recorder extends Protocol {
  final Deferred<Recorder> made = new Deferred<>();
  final Deferred<Failure> lost = new Deferred<>();
  final ByteArrayOutputStream received = new ByteArrayOutputStream();
  final List<String> events = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(int size, Deferred<Bytes> done) {}

  @Override
  public void connectionMade() {
    events.add("made");
    made.callback(this);
  }

  @Override
  public void dataReceived(Bytes data) {
    received.writeBytes(data.toByteArray());
    waiters.removeIf(waiter -> {
      if (received.size() >= waiter.size()) {
        waiter.done().callback(Bytes.wrap(received.toByteArray()));
        return true;
      }
      return false;
    });
  }

  @Override
  public void connectionLost(Failure reason) {
    events.add("lost " + reason.type().getSimpleName());
    lost.callback(reason);
  }

  /** Fires with everything received once at least {@code size} bytes have been. */
  Deferred<Bytes> receivedAtLeast(int size) {
    Deferred<Bytes> done = new Deferred<>();
    if (received.size() >= size) {
      done.callback(Bytes.wrap(received.toByteArray()));
    } else {
      waiters.add(new Waiter(size, done));
    }
    return done;
  }

  String text() {
    return received.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
