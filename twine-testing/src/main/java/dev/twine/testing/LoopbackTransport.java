package dev.twine.testing;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One end of a {@link Loopback} connection: it queues what its protocol writes until the
 * {@link Pump} moves it to the other end, and keeps the flags of closing that the pump acts on.
 *
 * <p>Flow control follows a real transport: a registered push producer is paused when more than
 * the high-water mark is queued and resumed once the pump has moved the queue below the low-water
 * mark; a pull producer is asked for more when it is registered and each time its queue has been
 * moved. Pausing this transport stops the pump from delivering to its protocol.
 *
 * <p>Threading: the test's thread.
 */
final class LoopbackTransport implements StreamTransport {
  private @Nullable Protocol protocol;
  private Consumer<Failure> onLost = reason -> {};
  private final Address host;
  private final Address peer;
  private final Loopback.Options options;
  private final ArrayDeque<Bytes> outgoing = new ArrayDeque<>();
  private long pending;
  private boolean readPaused;
  private boolean disconnecting;
  private boolean aborting;
  private boolean writeDisconnecting;
  private boolean writeClosed;
  private boolean readClosed;
  private boolean closed;
  private @Nullable Producer producer;
  private boolean producerStreaming;
  private boolean producerPaused;
  private boolean noDelay = true;
  private boolean keepAlive;

  LoopbackTransport(Address host, Address peer, Loopback.Options options) {
    this.host = host;
    this.peer = peer;
    this.options = options;
  }

  // --- Transport ---

  @Override
  public void write(Bytes data) {
    Objects.requireNonNull(data, "data");
    if (closed || aborting || writeDisconnecting || data.isEmpty()) {
      return;
    }
    outgoing.add(data);
    pending += data.size();
    if (pending > options.highWater() && producerStreaming && !producerPaused
        && producer instanceof PushProducer push) {
      producerPaused = true;
      push.pauseProducing();
    }
  }

  @Override
  public void loseConnection() {
    disconnecting = true;
  }

  @Override
  public void loseWriteConnection() {
    writeDisconnecting = true;
  }

  @Override
  public void abortConnection() {
    if (closed) {
      return;
    }
    aborting = true;
    outgoing.clear();
    pending = 0;
  }

  @Override
  public Address peer() {
    return peer;
  }

  @Override
  public Address host() {
    return host;
  }

  @Override
  public boolean noDelay() {
    return noDelay;
  }

  @Override
  public void setNoDelay(boolean noDelay) {
    this.noDelay = noDelay;
  }

  @Override
  public boolean keepAlive() {
    return keepAlive;
  }

  @Override
  public void setKeepAlive(boolean keepAlive) {
    this.keepAlive = keepAlive;
  }

  // --- Producer and consumer ---

  @Override
  public void registerProducer(Producer newProducer, boolean streaming) {
    dev.twine.internet.Consumer.checkRegistration(producer, newProducer, streaming);
    if (closed) {
      newProducer.stopProducing();
      return;
    }
    producer = newProducer;
    producerStreaming = streaming;
    producerPaused = false;
    if (streaming && pending > options.highWater()) {
      producerPaused = true;
      ((PushProducer) newProducer).pauseProducing();
    } else if (!streaming) {
      ((PullProducer) newProducer).resumeProducing();
    }
  }

  @Override
  public void unregisterProducer() {
    producer = null;
    producerStreaming = false;
    producerPaused = false;
  }

  /** Stops the pump from delivering to this end's protocol. */
  @Override
  public void pauseProducing() {
    readPaused = true;
  }

  /** Lets the pump deliver to this end's protocol again. */
  @Override
  public void resumeProducing() {
    readPaused = false;
  }

  /** Loses the connection. */
  @Override
  public void stopProducing() {
    loseConnection();
  }

  @Override
  public String toString() {
    return "LoopbackTransport[" + host + " <-> " + peer + (closed ? ", closed" : "") + "]";
  }

  // --- For the pump ---

  /**
   * Attaches the protocol that this end delivers to, once it is connected, and what to tell when
   * the connection ends, after the protocol.
   */
  void attach(Protocol connected, Consumer<Failure> whenLost) {
    protocol = connected;
    onLost = whenLost;
  }

  Protocol protocol() {
    Protocol attached = protocol;
    if (attached == null) {
      throw new IllegalStateException(this + " has no protocol attached");
    }
    return attached;
  }

  long pending() {
    return pending;
  }

  /** Returns whether the pump may deliver data and end-of-stream to this end now. */
  boolean receiving() {
    return !readPaused && !readClosed && !aborting;
  }

  boolean aborting() {
    return aborting;
  }

  /** Returns whether a {@link #loseConnection} can be carried out: nothing is left to send. */
  boolean readyToClose() {
    return disconnecting && pending == 0 && producer == null;
  }

  /** Returns whether a {@link #loseWriteConnection} can be carried out now. */
  boolean readyToCloseWrite() {
    return writeDisconnecting && !writeClosed && pending == 0 && producer == null;
  }

  boolean writeClosed() {
    return writeClosed;
  }

  boolean readClosed() {
    return readClosed;
  }

  /** Removes and returns everything queued, in one piece. */
  Bytes takeOutgoing() {
    byte[] all = new byte[Math.toIntExact(pending)];
    int at = 0;
    for (Bytes data : outgoing) {
      data.copyTo(all, at);
      at += data.size();
    }
    outgoing.clear();
    pending = 0;
    return Bytes.wrap(all);
  }

  /** The queue has been moved: resume a paused push producer, or ask a pull producer for more. */
  void drained() {
    if (producerPaused && pending < options.lowWater() && producer instanceof PushProducer push) {
      producerPaused = false;
      push.resumeProducing();
    } else if (!producerStreaming && producer instanceof PullProducer pull) {
      pull.resumeProducing();
    }
  }

  /** Shuts down the writing half: the protocol hears it if it is half-closeable. */
  void closeWrite() {
    writeClosed = true;
    if (protocol() instanceof HalfCloseableProtocol halfCloseable) {
      halfCloseable.writeConnectionLost();
    }
  }

  /** The peer finished sending: the protocol hears it (it is half-closeable). */
  void closeRead(HalfCloseableProtocol halfCloseable) {
    readClosed = true;
    halfCloseable.readConnectionLost();
  }

  /** Ends this end: stops the producer, if any, then tells the protocol why. */
  void lose(Failure reason) {
    closed = true;
    outgoing.clear();
    pending = 0;
    Producer stopped = producer;
    producer = null;
    if (stopped != null) {
      stopped.stopProducing();
    }
    protocol().connectionLost(reason);
    onLost.accept(reason);
  }
}
