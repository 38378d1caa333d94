package dev.twine.internet.nio;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A protocol that records its events and what it receives, for the test's thread to read while
 * the reactor thread runs it.
 */
class Recorder extends Protocol {
  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final CompletableFuture<Recorder> made = new CompletableFuture<>();
  final CompletableFuture<Failure> lost = new CompletableFuture<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final List<Waiter> waiters = new ArrayList<>();
  volatile String thread = "";

  private record Waiter(long count, CompletableFuture<Bytes> future) {}

  @Override
  public void connectionMade() {
    thread = Thread.currentThread().getName();
    events.add("made");
    made.complete(this);
  }

  @Override
  public void dataReceived(Bytes data) {
    synchronized (this) {
      received.writeBytes(data.toByteArray());
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter waiter = it.next();
        if (received.size() >= waiter.count) {
          it.remove();
          waiter.future.complete(Bytes.wrap(received.toByteArray()));
        }
      }
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    events.add("lost " + reason.type().getSimpleName());
    lost.complete(reason);
  }

  /** Returns a copy of everything received so far. */
  synchronized Bytes received() {
    return Bytes.wrap(received.toByteArray());
  }

  synchronized long receivedCount() {
    return received.size();
  }

  /** Returns a future of everything received once at least {@code count} bytes have arrived. */
  synchronized CompletableFuture<Bytes> receivedAtLeast(long count) {
    CompletableFuture<Bytes> future = new CompletableFuture<>();
    if (received.size() >= count) {
      future.complete(Bytes.wrap(received.toByteArray()));
    } else {
      waiters.add(new Waiter(count, future));
    }
    return future;
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

  /** Bytes 0, 1, ..., 250, 0, 1, ... from {@code offset}: a pattern that shows lost or reordered bytes. */
  static Bytes pattern(long offset, int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ((offset + i) % 251);
    }
    return Bytes.wrap(data);
  }
}
