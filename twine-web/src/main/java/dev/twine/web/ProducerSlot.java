package dev.twine.web;

import dev.twine.internet.Producer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.Transport;
import org.jspecify.annotations.Nullable;

/**
 * The one producer a connection's transport holds, as its HTTP channel shares it: the channel's
 * own watch on the transport's write buffer, or, while it is written, the producer a resource
 * registered for its response.
 *
 * <p>Whoever holds it, the channel hears when the transport's buffer passes its high-water mark
 * ({@code writeBlocked(true)}) and when it drains below its low-water mark ({@code
 * writeBlocked(false)}). Responses written whole, without a producer, fill the buffer too: a
 * client that pipelines requests and reads none of the answers would otherwise make the server
 * parse and answer without end, while the answers pile up in memory.
 *
 * <p>A hand-over reports at most one change: after it, {@code blocked} is {@code true} if the
 * transport paused the new holder on registration, else {@code false}. Once {@linkplain #close
 * closed} (the connection is closing or was handed to another protocol), the watch no longer
 * registers, so that the transport may close when its queue is written.
 *
 * <p>Threading: the connection's reactor thread.
 */
final class ProducerSlot implements PushProducer {
  private final HttpChannel channel;
  private @Nullable Transport transport;
  private boolean watching;
  private boolean closed;
  /** Whether the transport paused the holder since the last hand-over. */
  private boolean paused;

  /**
   * Creates the slot of {@code channel}, which it tells of the buffer through {@link
   * HttpChannel#writeBlocked}; it watches nothing until {@link #open}.
   */
  ProducerSlot(HttpChannel channel) {
    this.channel = channel;
  }

  /** Starts watching the buffer of {@code connection}, the channel's transport. */
  void open(Transport connection) {
    transport = connection;
    watch(connection);
  }

  /** Registers a response's producer with the transport in place of the watch. */
  void lend(Producer producer, boolean streaming) {
    Transport connection = transport();
    if (watching) {
      watching = false;
      connection.unregisterProducer();
    }
    handOver(() -> connection.registerProducer(producer, streaming));
  }

  /** Unregisters the response's producer and watches the buffer again, unless closed. */
  void giveBack() {
    Transport connection = transport();
    connection.unregisterProducer();
    handOver(() -> watch(connection));
  }

  /** Stops watching for good; a response's producer that holds the slot keeps it. */
  void close() {
    closed = true;
    if (watching) {
      watching = false;
      transport().unregisterProducer();
    }
  }

  /** Hears the transport pause the holder ({@code true}) or resume it ({@code false}). */
  void held(boolean held) {
    paused = held;
    channel.writeBlocked(held);
  }

  /** The transport's buffer passed its high-water mark. */
  @Override
  public void pauseProducing() {
    held(true);
  }

  /** The transport's buffer drained below its low-water mark. */
  @Override
  public void resumeProducing() {
    held(false);
  }

  /** Does nothing: the channel hears the end of the connection from {@code connectionLost}. */
  @Override
  public void stopProducing() {}

  private void watch(Transport connection) {
    if (!closed && !watching) {
      watching = true;
      connection.registerProducer(this, true);
    }
  }

  private void handOver(Runnable register) {
    paused = false;
    register.run();
    if (!paused) {
      channel.writeBlocked(false);
    }
  }

  private Transport transport() {
    Transport connection = transport;
    if (connection == null) {
      throw new IllegalStateException("the producer slot is not open yet");
    }
    return connection;
  }
}
