package dev.twine.web;

import dev.twine.internet.Producer;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;

/**
 * The producer a resource registered for one response, as the connection sees it: wrapped in a
 * {@link PushGate} or {@link PullGate}, and lent the transport's {@link ProducerSlot} only once
 * the response is the one being written.
 */
final class ResponseProducer {
  private final Producer gate;
  private final boolean streaming;
  private final ProducerSlot slot;
  private boolean onTransport;

  private ResponseProducer(Producer gate, boolean streaming, ProducerSlot slot) {
    this.gate = gate;
    this.streaming = streaming;
    this.slot = slot;
  }

  /**
   * Wraps {@code producer}, a push producer if {@code streaming}, else a pull producer, to hold
   * {@code slot} while its response is written; the slot hears when the transport's full buffer
   * pauses a push producer and when it lets it go on again.
   *
   * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
   */
  static ResponseProducer of(Producer producer, boolean streaming, ProducerSlot slot) {
    if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
      throw new IllegalArgumentException((streaming
          ? "a streaming producer must be a PushProducer: "
          : "a non-streaming producer must be a PullProducer: ") + producer);
    }
    return new ResponseProducer(streaming
        ? new PushGate((PushProducer) producer, slot::held)
        : new PullGate((PullProducer) producer), streaming, slot);
  }

  /** Registers the producer with the transport, once, and lets a push producer start. */
  void start() {
    if (onTransport) {
      return;
    }
    onTransport = true;
    slot.lend(gate, streaming);
    if (gate instanceof PushGate push) {
      push.proceed();
    }
  }

  /** Unregisters the producer from the transport if it was registered; stops it if asked. */
  void release(boolean stop) {
    if (onTransport) {
      onTransport = false;
      slot.giveBack();
    }
    if (stop) {
      gate.stopProducing();
    }
  }

  /** Stops the producer, which never reached the transport. */
  void stop() {
    gate.stopProducing();
  }
}
