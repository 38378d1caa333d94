package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Consumer;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A body producer that the test drives: it writes what the test gives it, records pausing and
 * stopping, and finishes when told.
 */
final class StreamingProducer implements BodyProducer {
  private final OptionalLong length;
  private final Deferred<@Nullable Void> finished = new Deferred<>();
  private @Nullable Consumer consumer;
  private boolean paused;
  private boolean stopped;
  private int pauses;

  /** A producer of unknown length. */
  StreamingProducer() {
    this(OptionalLong.empty());
  }

  StreamingProducer(OptionalLong length) {
    this.length = length;
  }

  @Override
  public OptionalLong length() {
    return length;
  }

  @Override
  public Deferred<@Nullable Void> startProducing(Consumer target) {
    consumer = target;
    return finished;
  }

  /** Writes {@code text} to the consumer. */
  void write(String text) {
    write(Bytes.utf8(text));
  }

  void write(Bytes data) {
    if (consumer == null) {
      throw new AssertionError("the producer has not been started");
    }
    consumer.write(data);
  }

  /** Says that the body is complete. */
  void finish() {
    finished.callback(null);
  }

  /** Says that the body cannot be produced. */
  void fail(RuntimeException error) {
    finished.errback(error);
  }

  boolean started() {
    return consumer != null;
  }

  boolean paused() {
    return paused;
  }

  int pauses() {
    return pauses;
  }

  boolean stopped() {
    return stopped;
  }

  @Override
  public void pauseProducing() {
    paused = true;
    pauses++;
  }

  @Override
  public void resumeProducing() {
    paused = false;
  }

  @Override
  public void stopProducing() {
    stopped = true;
  }
}
