package dev.twine.web;

import dev.twine.internet.PushProducer;
import java.util.function.Consumer;

/**
 * Stands between a resource's push producer and the connection: the producer is started (its
 * {@code resumeProducing}) once it may write, paused while the transport's buffer is full or
 * while its response waits behind earlier ones in the pipeline, and stopped at most once. It
 * tells its connection when the transport holds it back and lets it go on.
 */
final class PushGate implements PushProducer {
  private final PushProducer producer;
  private final Consumer<Boolean> blocked;
  private boolean transportPaused;
  private boolean waiting;
  private boolean paused = true;
  private boolean stopped;

  /**
   * Wraps {@code producer}, which is not started until {@link #proceed}; {@code blocked} hears
   * each pause and resume of the transport.
   */
  PushGate(PushProducer producer, Consumer<Boolean> blocked) {
    this.producer = producer;
    this.blocked = blocked;
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
    blocked.accept(true);
    update();
  }

  @Override
  public void resumeProducing() {
    transportPaused = false;
    blocked.accept(false);
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
