package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A body protocol that records what it receives and how the body ended. */
class BodyRecorder extends Protocol {
  private final Buffer received = new Buffer();
  private int pieces;
  private @Nullable Failure end;

  @Override
  public void dataReceived(Bytes data) {
    if (end != null) {
      throw new AssertionError("data after the end of the body: " + data);
    }
    received.write(data);
    pieces++;
  }

  @Override
  public void connectionLost(Failure reason) {
    if (end != null) {
      throw new AssertionError("the body ended twice: " + end + ", then " + reason);
    }
    end = reason;
  }

  /** Returns what was received so far, as text, without taking it. */
  String text() {
    return received.peek(received.size()).utf8();
  }

  long size() {
    return received.size();
  }

  int pieces() {
    return pieces;
  }

  /** Returns why the body ended, if it has. */
  Optional<Failure> end() {
    return Optional.ofNullable(end);
  }

  /** Returns the exception the body ended with, failing if it has not ended. */
  Throwable reason() {
    if (end == null) {
      throw new AssertionError("the body has not ended; received " + received.size() + " bytes");
    }
    return end.exception();
  }
}
