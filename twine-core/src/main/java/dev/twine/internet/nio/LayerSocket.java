package dev.twine.internet.nio;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.Producer;
import dev.twine.internet.StreamTransport;
import java.util.Objects;

/**
 * The socket of a {@link StreamConnection} as a layer inserted into it sees it: the connection's
 * own writing, closing (both halves or the writing one), options and flow control, without the
 * routing to the layer that the connection's public methods do once a layer is in.
 */
final class LayerSocket implements StreamTransport {
  private final StreamConnection connection;

  LayerSocket(StreamConnection connection) {
    this.connection = connection;
  }

  @Override
  public void write(Bytes data) {
    connection.queueWrite(Objects.requireNonNull(data, "data"));
  }

  @Override
  public void loseConnection() {
    connection.closeWhenFlushed();
  }

  @Override
  public void loseWriteConnection() {
    connection.closeWriteWhenFlushed();
  }

  @Override
  public void abortConnection() {
    connection.abort();
  }

  @Override
  public boolean disconnecting() {
    return connection.closing();
  }

  @Override
  public Address peer() {
    return connection.peer();
  }

  @Override
  public Address host() {
    return connection.host();
  }

  @Override
  public boolean noDelay() {
    return connection.noDelay();
  }

  @Override
  public void setNoDelay(boolean noDelay) {
    connection.setNoDelay(noDelay);
  }

  @Override
  public boolean keepAlive() {
    return connection.keepAlive();
  }

  @Override
  public void setKeepAlive(boolean keepAlive) {
    connection.setKeepAlive(keepAlive);
  }

  @Override
  public void registerProducer(Producer producer, boolean streaming) {
    connection.register(Objects.requireNonNull(producer, "producer"), streaming);
  }

  @Override
  public void unregisterProducer() {
    connection.unregister();
  }

  @Override
  public void pauseProducing() {
    connection.setReadPaused(true);
  }

  @Override
  public void resumeProducing() {
    connection.setReadPaused(false);
  }

  @Override
  public void stopProducing() {
    connection.closeWhenFlushed();
  }

  @Override
  public String toString() {
    return "the socket of " + connection;
  }
}
