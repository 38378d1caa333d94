package dev.twine.internet;

/**
 * A source of data written to a {@link Consumer} (Twisted's {@code IProducer}). Register one with
 * {@link Consumer#registerProducer} so the consumer can slow it down instead of buffering.
 */
public interface Producer {

  /** Stops producing for good: the consumer is going away. */
  void stopProducing();
}
