package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Consumer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import org.jspecify.annotations.Nullable;

/**
 * The body protocol behind {@link Response#writeBodyTo}: writes the body to a consumer, which
 * pauses and resumes it as its streaming producer.
 */
final class BodyPipe extends Protocol implements PushProducer {
  private final Consumer consumer;
  private final Deferred<@Nullable Void> result;
  private boolean cancelling;

  BodyPipe(Consumer consumer) {
    this.consumer = consumer;
    this.result = new Deferred<>(d -> {
      cancelling = true;
      stopProducing();
    });
  }

  Deferred<@Nullable Void> result() {
    return result;
  }

  @Override
  public void connectionMade() {
    consumer.registerProducer(this, true);
  }

  @Override
  public void dataReceived(Bytes data) {
    consumer.write(data);
  }

  @Override
  public void connectionLost(Failure reason) {
    consumer.unregisterProducer();
    if (result.called() || cancelling) {
      return;
    }
    if (reason.exception() instanceof ResponseDone
        || reason.exception() instanceof PotentialDataLoss) {
      result.callback(null);
    } else {
      result.errback(reason);
    }
  }

  @Override
  public void pauseProducing() {
    transport().pauseProducing();
  }

  @Override
  public void resumeProducing() {
    transport().resumeProducing();
  }

  @Override
  public void stopProducing() {
    if (connected()) {
      transport().abortConnection();
    }
  }
}
