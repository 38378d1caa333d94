package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * The body protocol behind {@link Response#readBody}: gathers the body up to a bound. A body that
 * arrives in one piece, as small ones do, is kept as that piece, without a copy; a buffer gathers
 * the pieces from the second one on.
 */
final class BodyCollector extends Protocol {
  private final long maxBytes;
  private final Deferred<Bytes> result;
  private Bytes first = Bytes.EMPTY;
  private @Nullable Buffer buffer;
  private long size;
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
    if (size + data.size() > maxBytes) {
      result.errback(new BodyTooLarge("response", maxBytes));
      first = Bytes.EMPTY;
      buffer = null;
      transport().abortConnection();
      return;
    }
    size += data.size();
    Buffer gathering = buffer;
    if (gathering != null) {
      gathering.write(data);
    } else if (first.isEmpty()) {
      first = data;
    } else {
      buffer = new Buffer().write(first).write(data);
      first = Bytes.EMPTY;
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    if (result.called() || cancelling) {
      return;
    }
    if (reason.exception() instanceof ResponseDone
        || reason.exception() instanceof PotentialDataLoss) {
      Buffer gathered = buffer;
      result.callback(gathered != null ? gathered.readAll() : first);
    } else {
      result.errback(reason);
    }
  }
}
