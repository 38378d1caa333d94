package dev.twine.web;

import dev.twine.internet.Producer;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.Transport;
import java.util.function.Consumer;

/**
 * The producer a resource registered for one response, as the connection sees it: wrapped in a
 * {@link PushGate} or {@link PullGate}, and registered with the transport only once the response
 * is the one being written.
 */
final class ResponseProducer {
  private final Producer gate;
  private final boolean streaming;
  private final Consumer<Boolean> blocked;
  private boolean onTransport;

  private ResponseProducer(Producer gate, boolean streaming, Consumer<Boolean> blocked) {
    this.gate = gate;
    this.streaming = streaming;
    this.blocked = blocked;
  }

  /**
   * Wraps {@code producer}, a push producer if {@code streaming}, else a pull producer; {@code
   * blocked} hears when the transport's full buffer pauses a push producer ({@code true}) and when
   * it lets it go on again or the producer is released ({@code false}).
   *
   * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
   */
  static ResponseProducer of(Producer producer, boolean streaming, Consumer<Boolean> blocked) {
    if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
      throw new IllegalArgumentException((streaming
          ? "a streaming producer must be a PushProducer: "
          : "a non-streaming producer must be a PullProducer: ") + producer);
    }
    return new ResponseProducer(streaming
        ? new PushGate((PushProducer) producer, blocked)
        : new PullGate((PullProducer) producer), streaming, blocked);
  }

  /** Registers the producer with {@code transport}, once, and lets a push producer start. */
  void start(Transport transport) {
    if (onTransport) {
      return;
    }
    onTransport = true;
    transport.registerProducer(gate, streaming);
    if (gate instanceof PushGate push) {
      push.proceed();
    }
  }

  /** Unregisters the producer from {@code transport} if it was registered; stops it if asked. */
  void release(Transport transport, boolean stop) {
    if (onTransport) {
      onTransport = false;
      transport.unregisterProducer();
      blocked.accept(false);
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
