package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.Consumer;
import dev.twine.internet.Producer;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The transport a {@link TlsLayer} offers the protocol above it: writes queue here as plaintext
 * until the layer encrypts them, all at once, when the reactor is about to flush; reading and
 * closing go to the layer.
 *
 * <p>Closing the writing half queues like closing: once what was written is encrypted, the layer
 * sends {@code close_notify} and shuts the socket's writing half. Socket options go to the socket
 * below when it is a {@link StreamTransport}.
 *
 * <p>Flow control: a registered push producer is paused while more than {@link #HIGH_WATER}
 * bytes wait here or while the socket below pushes back, and resumed once both have eased (below
 * {@link #LOW_WATER}); a pull producer is asked for more whenever everything has been encrypted
 * and the socket takes more.
 */
final class TlsConnection implements TlsTransport {
  static final int HIGH_WATER = 64 * 1024;
  static final int LOW_WATER = 32 * 1024;

  /** What the handshake settled. */
  record Handshake(String version, String cipherSuite, Optional<String> applicationProtocol,
      List<X509Certificate> peerCertificates, Optional<String> serverName) {}

  private final TlsLayer layer;
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private long queued;
  private boolean disconnecting;
  private boolean writeDisconnecting;
  private @Nullable Producer producer;
  private boolean streaming;
  private boolean producerPaused;
  private @Nullable Handshake handshake;

  TlsConnection(TlsLayer layer) {
    this.layer = layer;
  }

  // --- Transport ---

  @Override
  public void write(Bytes data) {
    Objects.requireNonNull(data, "data");
    if (data.isEmpty() || disconnecting || writeDisconnecting || layer.writingClosed()) {
      return;
    }
    queue.add(data.asReadOnlyByteBuffer());
    queued += data.size();
    layer.outgoing();
    updateProducer(layer.socketPaused());
  }

  @Override
  public void loseConnection() {
    if (!disconnecting) {
      disconnecting = true;
      layer.outgoing();
    }
  }

  /**
   * Sends {@code close_notify} once what was written has been encrypted, then shuts the socket's
   * writing half; reading goes on until the peer's {@code close_notify}. A
   * {@link dev.twine.internet.HalfCloseableProtocol} hears {@code writeConnectionLost} once the
   * socket's half is shut. Writes made after this call are dropped.
   */
  @Override
  public void loseWriteConnection() {
    if (!disconnecting && !writeDisconnecting) {
      writeDisconnecting = true;
      layer.outgoing();
    }
  }

  @Override
  public void abortConnection() {
    layer.abort();
  }

  @Override
  public boolean disconnecting() {
    return disconnecting || layer.closing();
  }

  @Override
  public boolean noDelay() {
    return layer.transport() instanceof StreamTransport stream && stream.noDelay();
  }

  @Override
  public void setNoDelay(boolean noDelay) {
    if (layer.transport() instanceof StreamTransport stream) {
      stream.setNoDelay(noDelay);
    }
  }

  @Override
  public boolean keepAlive() {
    return layer.transport() instanceof StreamTransport stream && stream.keepAlive();
  }

  @Override
  public void setKeepAlive(boolean keepAlive) {
    if (layer.transport() instanceof StreamTransport stream) {
      stream.setKeepAlive(keepAlive);
    }
  }

  @Override
  public Address peer() {
    return layer.transport().peer();
  }

  @Override
  public Address host() {
    return layer.transport().host();
  }

  @Override
  public void registerProducer(Producer newProducer, boolean isStreaming) {
    Consumer.checkRegistration(producer, newProducer, isStreaming);
    if (layer.writingClosed()) {
      newProducer.stopProducing();
      return;
    }
    producer = newProducer;
    streaming = isStreaming;
    producerPaused = false;
    if (isStreaming) {
      updateProducer(layer.socketPaused());
    } else {
      layer.outgoing();
    }
  }

  @Override
  public void unregisterProducer() {
    producer = null;
    if (disconnecting || writeDisconnecting) {
      layer.outgoing();
    }
  }

  @Override
  public void pauseProducing() {
    layer.pauseReading();
  }

  @Override
  public void resumeProducing() {
    layer.resumeReading();
  }

  @Override
  public void stopProducing() {
    loseConnection();
  }

  // --- TlsTransport ---

  @Override
  public String tlsVersion() {
    return settled().version();
  }

  @Override
  public String cipherSuite() {
    return settled().cipherSuite();
  }

  @Override
  public Optional<String> applicationProtocol() {
    return settled().applicationProtocol();
  }

  @Override
  public List<X509Certificate> peerCertificates() {
    return settled().peerCertificates();
  }

  @Override
  public Optional<String> serverName() {
    return settled().serverName();
  }

  private Handshake settled() {
    Handshake done = handshake;
    if (done == null) {
      throw new IllegalStateException("the TLS handshake with " + peer() + " has not completed yet");
    }
    return done;
  }

  // --- For the layer ---

  void handshakeCompleted(Handshake settled) {
    handshake = settled;
  }

  boolean hasQueued() {
    return !queue.isEmpty();
  }

  /** Returns how many bytes wait to be encrypted. */
  long queuedBytes() {
    return queued;
  }

  /** Puts the first queued buffers into {@code sources}; returns how many. */
  int gather(ByteBuffer[] sources) {
    int count = 0;
    for (ByteBuffer buffer : queue) {
      sources[count++] = buffer;
      if (count == sources.length) {
        break;
      }
    }
    return count;
  }

  /** Drops the buffers the engine has read, {@code bytes} in all. */
  void consumed(int bytes) {
    queued -= bytes;
    while (!queue.isEmpty() && !queue.peek().hasRemaining()) {
      queue.poll();
    }
  }

  /** Drops everything queued: it can no longer be sent. */
  void discard() {
    queue.clear();
    queued = 0;
  }

  /** Returns whether the protocol asked to close and everything it wrote has been encrypted. */
  boolean closeRequested() {
    return disconnecting && queue.isEmpty() && producer == null;
  }

  /** Returns whether the protocol asked to close its writing half and everything it wrote has been encrypted. */
  boolean writeCloseRequested() {
    return writeDisconnecting && queue.isEmpty() && producer == null;
  }

  /** Returns whether the protocol asked to close the whole connection. */
  boolean closeAsked() {
    return disconnecting;
  }

  /** Asks a pull producer for more. */
  void pullMore() {
    if (producer instanceof PullProducer pull && !streaming) {
      pull.resumeProducing();
    }
  }

  /** Pauses or resumes a push producer by what waits here and whether the socket pushes back. */
  void updateProducer(boolean socketPaused) {
    if (!(producer instanceof PushProducer push) || !streaming) {
      return;
    }
    if (!producerPaused && (socketPaused || queued > HIGH_WATER)) {
      producerPaused = true;
      push.pauseProducing();
    } else if (producerPaused && !socketPaused && queued < LOW_WATER) {
      producerPaused = false;
      push.resumeProducing();
    }
  }

  /** The connection is gone: stops the producer, if any, for good. */
  void stopProducer() {
    Producer stopped = producer;
    producer = null;
    discard();
    if (stopped != null) {
      stopped.stopProducing();
    }
  }

  @Override
  public String toString() {
    return "TlsTransport[" + layer.transport().host() + " <-> " + layer.transport().peer() + "]";
  }
}
