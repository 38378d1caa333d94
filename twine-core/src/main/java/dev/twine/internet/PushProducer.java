package dev.twine.internet;

/**
 * A producer that writes whenever it has data, until asked to pause (Twisted's
 * {@code IPushProducer}). A transport is one: pausing it stops reading from the network.
 */
public interface PushProducer extends Producer {

  /** Stops writing until {@link #resumeProducing} is called; idempotent. */
  void pauseProducing();

  /** Starts writing again after {@link #pauseProducing}; idempotent. */
  void resumeProducing();
}
