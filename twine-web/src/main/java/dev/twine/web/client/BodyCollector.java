package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;

/** The body protocol behind {@link Response#readBody}: gathers the body up to a bound. */
final class BodyCollector extends Protocol {
  private final long maxBytes;
  private final Buffer buffer = new Buffer();
  private final Deferred<Bytes> result;
  private boolean cancelling;

  BodyCollector(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.result = new Deferred<>(d -> {
      cancelling = true;
      if (connected()) {
        transport().abortConnection();
      }
    });
  }

  Deferred<Bytes> result() {
    return result;
  }

  @Override
  public void dataReceived(Bytes data) {
    if (result.called()) {
      return;
    }
    if (buffer.size() + data.size() > maxBytes) {
      result.errback(new BodyTooLarge("response", maxBytes));
      buffer.clear();
      transport().abortConnection();
      return;
    }
    buffer.write(data);
  }

  @Override
  public void connectionLost(Failure reason) {
    if (result.called() || cancelling) {
      return;
    }
    if (reason.exception() instanceof ResponseDone
        || reason.exception() instanceof PotentialDataLoss) {
      result.callback(buffer.readAll());
    } else {
      result.errback(reason);
    }
  }
}
