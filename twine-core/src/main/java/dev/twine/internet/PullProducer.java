package dev.twine.internet;

/**
 * A producer that writes one piece each time the consumer asks (Twisted's
 * {@code IPullProducer}): the consumer calls {@link #resumeProducing} whenever it can take more.
 */
public interface PullProducer extends Producer {

  /** Writes the next piece of data to the consumer, or unregisters itself when there is none. */
  void resumeProducing();
}
