package dev.twine.web;

import dev.twine.internet.PullProducer;

/** Stands between a resource's pull producer and the connection, so it is stopped at most once. */
final class PullGate implements PullProducer {
  private final PullProducer producer;
  private boolean stopped;

  PullGate(PullProducer producer) {
    this.producer = producer;
  }

  @Override
  public void resumeProducing() {
    if (!stopped) {
      producer.resumeProducing();
    }
  }

  @Override
  public void stopProducing() {
    if (!stopped) {
      stopped = true;
      producer.stopProducing();
    }
  }
}
