package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Consumer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** A body held in memory: written in one piece, and replayed as often as asked. */
final class BytesBodyProducer implements BodyProducer {
  private final Bytes data;

  BytesBodyProducer(Bytes data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override
  public OptionalLong length() {
    return OptionalLong.of(data.size());
  }

  @Override
  public Deferred<@Nullable Void> startProducing(Consumer consumer) {
    consumer.write(data);
    return Deferred.succeed(null);
  }

  @Override
  public Optional<BodyProducer> replay() {
    return Optional.of(this);
  }

  @Override
  public void pauseProducing() {}

  @Override
  public void resumeProducing() {}

  @Override
  public void stopProducing() {}

  @Override
  public String toString() {
    return "BodyProducer[" + data.size() + " bytes]";
  }
}
