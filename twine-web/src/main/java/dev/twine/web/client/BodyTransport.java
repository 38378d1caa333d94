package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Transport;

/**
 * The transport a body protocol is connected to (Twisted's {@code TransportProxyProducer}): it
 * pauses, resumes and stops the body. A response body cannot be written to: writing or
 * registering a producer fails with {@link IllegalStateException}. Losing or aborting the
 * "connection" stops the body, which aborts the HTTP connection unless the body had ended.
 */
final class BodyTransport implements Transport {
  private final ResponseBody body;

  BodyTransport(ResponseBody body) {
    this.body = body;
  }

  @Override
  public void write(Bytes data) {
    throw new IllegalStateException("a response body cannot be written to");
  }

  @Override
  public void registerProducer(Producer producer, boolean streaming) {
    throw new IllegalStateException("a response body cannot be written to");
  }

  @Override
  public void unregisterProducer() {}

  @Override
  public void pauseProducing() {
    body.pause();
  }

  @Override
  public void resumeProducing() {
    body.resume();
  }

  @Override
  public void stopProducing() {
    body.stop();
  }

  @Override
  public void loseConnection() {
    body.stop();
  }

  @Override
  public void abortConnection() {
    body.stop();
  }

  @Override
  public boolean disconnecting() {
    return body.finished();
  }

  @Override
  public Address peer() {
    return body.flow().peer();
  }

  @Override
  public Address host() {
    return body.flow().host();
  }

  @Override
  public String toString() {
    return "BodyTransport[" + peer() + "]";
  }
}
