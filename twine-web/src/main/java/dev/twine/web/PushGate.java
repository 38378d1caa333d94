package dev.twine.web;

import dev.twine.internet.PushProducer;

/**
 * Stands between a resource's push producer and the connection: the producer is started (its
 * {@code resumeProducing}) once it may write, paused while the transport's buffer is full or
 * while its response waits behind earlier ones in the pipeline, and stopped at most once.
 */
final class PushGate implements PushProducer {
  private final PushProducer producer;
  private boolean transportPaused;
  private boolean waiting;
  private boolean paused = true;
  private boolean stopped;

  /** Wraps {@code producer}, which is not started until {@link #proceed}. */
  PushGate(PushProducer producer) {
    this.producer = producer;
    this.waiting = true;
  }

  /** Lets the producer run, as far as the transport allows: its response's turn has come. */
  void proceed() {
    waiting = false;
    update();
  }

  @Override
  public void pauseProducing() {
    transportPaused = true;
    update();
  }

  @Override
  public void resumeProducing() {
    transportPaused = false;
    update();
  }

  @Override
  public void stopProducing() {
    if (!stopped) {
      stopped = true;
      producer.stopProducing();
    }
  }

  private void update() {
    boolean shouldPause = transportPaused || waiting;
    if (stopped || shouldPause == paused) {
      return;
    }
    paused = shouldPause;
    if (shouldPause) {
      producer.pauseProducing();
    } else {
      producer.resumeProducing();
    }
  }
}
