package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.Consumer;
import dev.twine.internet.Producer;
import dev.twine.internet.Transport;
import dev.twine.web.http.MessageEncoder;
import org.jspecify.annotations.Nullable;

/**
 * Sends the body of a request from its {@link BodyProducer}: registers the producer with the
 * connection as a streaming producer, frames what it writes with the request's encoder, and ends
 * the message when the producer is done. The producer writes to this object, its consumer.
 */
final class RequestWriter implements Consumer {
  private final Transport transport;
  private final MessageEncoder encoder;
  private final BodyProducer producer;
  private final HttpConnection connection;
  private boolean done;

  RequestWriter(
      Transport transport, MessageEncoder encoder, BodyProducer producer, HttpConnection connection) {
    this.transport = transport;
    this.encoder = encoder;
    this.producer = producer;
    this.connection = connection;
  }

  /** Starts the producer; the connection hears when the body has been sent or has failed. */
  void start() {
    transport.registerProducer(producer, true);
    Deferred<@Nullable Void> produced;
    try {
      produced = producer.startProducing(this);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    produced.transform(outcome -> {
      switch (outcome) {
        case Outcome.Success<@Nullable Void> success -> finish();
        case Outcome.Failed<@Nullable Void> failed -> fail(failed.failure().exception());
      }
      return null;
    });
  }

  /** Stops the producer, which will not be waited for any more: the exchange ended early. */
  void stop() {
    if (!done) {
      done = true;
      transport.unregisterProducer();
      producer.stopProducing();
    }
  }

  /** Returns whether the body was sent, failed or was stopped. */
  boolean done() {
    return done;
  }

  @Override
  public void write(Bytes data) {
    if (done) {
      return;
    }
    try {
      transport.writeSequence(encoder.content(data));
    } catch (IllegalStateException e) {
      fail(new IllegalStateException("the body producer wrote more than its length: "
          + e.getMessage()));
    }
  }

  /**
   * Refuses: the agent registers the body producer itself.
   *
   * @throws IllegalStateException always
   */
  @Override
  public void registerProducer(Producer other, boolean streaming) {
    throw new IllegalStateException("the agent registers the body producer with the connection"
        + " itself; a body producer must not register " + other);
  }

  @Override
  public void unregisterProducer() {}

  private void finish() {
    if (done) {
      return;
    }
    Bytes end;
    try {
      end = encoder.end();
    } catch (IllegalStateException e) {
      fail(new IllegalStateException("the body producer wrote less than its length: "
          + e.getMessage()));
      return;
    }
    done = true;
    transport.unregisterProducer();
    transport.write(end);
    connection.requestSent();
  }

  private void fail(Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    transport.unregisterProducer();
    producer.stopProducing();
    connection.abort(new RequestTransmissionFailed(cause));
  }
}
