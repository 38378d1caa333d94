package dev.twine.internet;

import dev.twine.bytes.Bytes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sink for bytes that can slow down its producer (Twisted's {@code IConsumer}).
 *
 * <p>A consumer with a registered producer pauses it when its buffer passes its high-water mark
 * and resumes it below its low-water mark (push producers), or asks it for more each time its
 * buffer drains (pull producers). This is how memory stays bounded when a peer reads slowly.
 */
public interface Consumer {

  /** Queues {@code data} to be written; never blocks. */
  void write(Bytes data);

  /**
   * Registers the producer that writes to this consumer; {@code streaming} says whether it is a
   * {@link PushProducer} (true) or a {@link PullProducer} (false).
   *
   * @throws IllegalStateException if a producer is already registered
   * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
   */
  void registerProducer(Producer producer, boolean streaming);

  /** Unregisters the producer, if any; it is not stopped. */
  void unregisterProducer();

  /**
   * Checks a {@link #registerProducer} call as every consumer must, given the producer registered
   * now ({@code null} if none), and fails as that method documents.
   *
   * @throws IllegalStateException if {@code registered} is not null
   * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
   */
  static void checkRegistration(
      @Nullable Producer registered, Producer producer, boolean streaming) {
    Objects.requireNonNull(producer, "producer");
    if (registered != null) {
      throw new IllegalStateException("a producer is already registered: " + registered);
    }
    if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
      throw new IllegalArgumentException((streaming ? "a streaming producer must be a PushProducer: "
          : "a non-streaming producer must be a PullProducer: ") + producer);
    }
  }
}
