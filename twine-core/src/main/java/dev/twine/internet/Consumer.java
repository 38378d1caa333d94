package dev.twine.internet;

import dev.twine.bytes.Bytes;

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
}
