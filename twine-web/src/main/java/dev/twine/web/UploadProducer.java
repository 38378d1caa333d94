package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Consumer;
import dev.twine.internet.PushProducer;
import dev.twine.web.client.BodyProducer;
import dev.twine.web.http.Headers;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Relays the body of a request a server received to the request an agent sends: the agent's
 * {@link BodyProducer}, fed as the server's {@link BodyReceiver}. When the upstream connection
 * pushes back, the agent pauses this producer, which pauses the body, which stops the server
 * reading the client: the body passes through in bounded memory. It has the length the client
 * announced, or none for a chunked body, which then goes on chunked.
 */
final class UploadProducer implements BodyProducer, BodyReceiver {
  private final Request request;
  private final Deferred<@Nullable Void> done = new Deferred<>();
  private @Nullable Consumer consumer;
  private @Nullable PushProducer body;
  private boolean paused;

  UploadProducer(Request request) {
    this.request = request;
  }

  @Override
  public OptionalLong length() {
    return request.contentLength();
  }

  /**
   * Asks the server for the body, which then goes to {@code target} as it arrives.
   *
   * @throws IllegalStateException if the body is being read already or was thrown away
   */
  @Override
  public Deferred<@Nullable Void> startProducing(Consumer target) {
    consumer = target;
    request.deliverBody(this);
    return done;
  }

  @Override
  public void bodyStarted(PushProducer producer) {
    body = producer;
    if (paused) {
      producer.pauseProducing();
    }
  }

  @Override
  public void bodyReceived(Bytes data) {
    Consumer target = consumer;
    if (target != null) {
      target.write(data);
    }
  }

  @Override
  public void bodyEnded(Headers trailers) {
    done.callback(null);
  }

  @Override
  public void bodyFailed(Failure reason) {
    done.errback(reason);
  }

  @Override
  public void pauseProducing() {
    paused = true;
    PushProducer producer = body;
    if (producer != null) {
      producer.pauseProducing();
    }
  }

  @Override
  public void resumeProducing() {
    paused = false;
    PushProducer producer = body;
    if (producer != null) {
      producer.resumeProducing();
    }
  }

  /** Gives the rest of the body up: the server reads it and throws it away. */
  @Override
  public void stopProducing() {
    PushProducer producer = body;
    if (producer != null) {
      producer.stopProducing();
    }
  }

  @Override
  public String toString() {
    return "UploadProducer[" + request + "]";
  }
}
