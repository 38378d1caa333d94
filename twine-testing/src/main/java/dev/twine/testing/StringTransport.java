package dev.twine.testing;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.Consumer;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamTransport} that records what its protocol does to it instead of touching a
 * network (Twisted's {@code StringTransport}): the bytes written, whether and how it asked to
 * close, the registered producer, whether the protocol paused reading.
 *
 * <pre>{@code
 * StringTransport transport = new StringTransport();
 * protocol.makeConnection(transport);
 * protocol.dataReceived(Bytes.ascii("PING\r\n"));
 * assertThat(transport.value()).isEqualTo(Bytes.ascii("PONG\r\n"));
 * assertThat(transport.disconnecting()).isFalse();
 * }</pre>
 *
 * <p>By default closing only sets flags: the protocol never hears {@code connectionLost}, and the
 * test delivers it by hand if it wants to. After {@link #reportDisconnection} the transport
 * reports the end of the connection to the protocol as a reactor's transport would (Twisted's
 * {@code StringTransportWithDisconnection}).
 *
 * <p>Writes follow the real transport: they are recorded until {@link #abortConnection} or
 * {@link #loseWriteConnection}, or until the loss was reported, and dropped afterwards; writes
 * after {@link #loseConnection} are still recorded, since a real transport sends them before it
 * closes.
 *
 * <p>Threading: not thread-safe; use it from the test's thread.
 */
public final class StringTransport implements StreamTransport {
  /** The host address of a transport made without one: TCP 10.0.0.1, port 12345. */
  public static final Address DEFAULT_HOST = new IPv4Address(AddressType.TCP, "10.0.0.1", 12345);

  /** The peer address of a transport made without one: TCP 192.168.1.1, port 54321. */
  public static final Address DEFAULT_PEER = new IPv4Address(AddressType.TCP, "192.168.1.1", 54321);

  /** What a transport, as the producer of the data it reads, has been told to do. */
  public enum ProducerState {
    /** Reading, as a new transport does, or resumed. */
    PRODUCING,
    /** Paused with {@link StringTransport#pauseProducing}. */
    PAUSED,
    /** Stopped for good with {@link StringTransport#stopProducing}. */
    STOPPED
  }

  private final Address host;
  private final Address peer;
  private final Buffer written = new Buffer();
  private @Nullable Producer producer;
  private boolean streaming;
  private ProducerState producerState = ProducerState.PRODUCING;
  private boolean disconnecting;
  private boolean aborted;
  private boolean writeDisconnecting;
  private boolean noDelay = true;
  private boolean keepAlive;
  private @Nullable Protocol reportTo;
  private boolean lossReported;
  private boolean writeLossReported;

  /** Creates a transport between {@link #DEFAULT_HOST} and {@link #DEFAULT_PEER}. */
  public StringTransport() {
    this(DEFAULT_HOST, DEFAULT_PEER);
  }

  /** Creates a transport whose {@link #host()} and {@link #peer()} are the given addresses. */
  public StringTransport(Address host, Address peer) {
    this.host = Objects.requireNonNull(host, "host");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  /** Returns everything written since the transport was made or last {@link #clear cleared}. */
  public Bytes value() {
    return written.peek(written.size());
  }

  /** Forgets what was written so far: {@link #value()} is then empty. */
  public void clear() {
    written.clear();
  }

  /**
   * Makes the transport report the end of the connection to {@code protocol}, as a reactor's
   * transport reports it, from now on. Once the protocol has asked to close, and no producer is
   * registered, it gets {@code connectionLost} with {@link ConnectionDone}; after {@link
   * #abortConnection} it gets {@link ConnectionAborted} at once, and a registered producer is
   * stopped first. A {@link HalfCloseableProtocol} gets {@code writeConnectionLost} after {@link
   * #loseWriteConnection}. Each is reported once, synchronously inside the call that causes it
   * (a reactor reports after the protocol's callback returns); if the protocol already asked to
   * close, the loss is reported by this call.
   *
   * @throws IllegalStateException if the transport already reports to a protocol
   */
  public void reportDisconnection(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (reportTo != null) {
      throw new IllegalStateException("already reporting disconnection to " + reportTo);
    }
    reportTo = protocol;
    settle();
  }

  /** Returns whether {@link #loseConnection}, {@link #abortConnection} or {@link #stopProducing} was called. */
  @Override
  public boolean disconnecting() {
    return disconnecting;
  }

  /** Returns whether {@link #abortConnection} was called. */
  public boolean aborted() {
    return aborted;
  }

  /** Returns whether {@link #loseWriteConnection} was called. */
  public boolean writeDisconnecting() {
    return writeDisconnecting;
  }

  /** Returns the registered producer, or empty if none is registered. */
  public Optional<Producer> producer() {
    return Optional.ofNullable(producer);
  }

  /** Returns whether the registered producer was registered as streaming; false if there is none. */
  public boolean streaming() {
    return producer != null && streaming;
  }

  /** Returns what the transport, as a producer, was last told to do. */
  public ProducerState producerState() {
    return producerState;
  }

  // --- Transport ---

  @Override
  public void write(Bytes data) {
    Objects.requireNonNull(data, "data");
    if (!aborted && !writeDisconnecting && !lossReported) {
      written.write(data);
    }
  }

  /** Records that the protocol asked to close; see {@link #reportDisconnection}. Idempotent. */
  @Override
  public void loseConnection() {
    disconnecting = true;
    settle();
  }

  /** Records that the protocol aborted; see {@link #reportDisconnection}. Idempotent. */
  @Override
  public void abortConnection() {
    disconnecting = true;
    aborted = true;
    settle();
  }

  /** Records that the protocol shut down its writing half; later writes are dropped. Idempotent. */
  @Override
  public void loseWriteConnection() {
    writeDisconnecting = true;
    settle();
  }

  @Override
  public Address peer() {
    return peer;
  }

  @Override
  public Address host() {
    return host;
  }

  /** Returns whether Nagle's algorithm is off: true until {@link #setNoDelay} says otherwise. */
  @Override
  public boolean noDelay() {
    return noDelay;
  }

  @Override
  public void setNoDelay(boolean noDelay) {
    this.noDelay = noDelay;
  }

  /** Returns whether keep-alive is on: false until {@link #setKeepAlive} says otherwise. */
  @Override
  public boolean keepAlive() {
    return keepAlive;
  }

  @Override
  public void setKeepAlive(boolean keepAlive) {
    this.keepAlive = keepAlive;
  }

  // --- Consumer ---

  /**
   * Records {@code producer} as registered; it is neither paused nor resumed, so the test drives
   * it (a pull producer's {@code resumeProducing} included).
   *
   * @throws IllegalStateException if a producer is already registered
   * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
   */
  @Override
  public void registerProducer(Producer producer, boolean streaming) {
    Consumer.checkRegistration(this.producer, producer, streaming);
    this.producer = producer;
    this.streaming = streaming;
  }

  /** Forgets the registered producer, if any; a pending close may then be reported. */
  @Override
  public void unregisterProducer() {
    producer = null;
    settle();
  }

  // --- Push producer ---

  /**
   * Records that the protocol paused reading.
   *
   * @throws IllegalStateException if the transport was stopped
   */
  @Override
  public void pauseProducing() {
    requireNotStopped("pause");
    producerState = ProducerState.PAUSED;
  }

  /**
   * Records that the protocol resumed reading.
   *
   * @throws IllegalStateException if the transport was stopped
   */
  @Override
  public void resumeProducing() {
    requireNotStopped("resume");
    producerState = ProducerState.PRODUCING;
  }

  /** Records that reading stopped for good, and closes as {@link #loseConnection} does, like a reactor's transport. */
  @Override
  public void stopProducing() {
    producerState = ProducerState.STOPPED;
    loseConnection();
  }

  private void requireNotStopped(String what) {
    if (producerState == ProducerState.STOPPED) {
      throw new IllegalStateException("cannot " + what + " a transport whose producing was stopped");
    }
  }

  // --- Reporting ---

  /** Reports to the protocol whatever end of the connection is due and not yet reported. */
  private void settle() {
    Protocol protocol = reportTo;
    if (protocol == null || lossReported) {
      return;
    }
    if (aborted) {
      reportLoss(protocol, Failure.of(new ConnectionAborted("connection was aborted", null)));
    } else if (disconnecting && producer == null) {
      reportLoss(protocol, Failure.of(new ConnectionDone("connection was closed cleanly")));
    } else if (writeDisconnecting && producer == null && !writeLossReported
        && protocol instanceof HalfCloseableProtocol halfCloseable) {
      writeLossReported = true;
      halfCloseable.writeConnectionLost();
    }
  }

  private void reportLoss(Protocol protocol, Failure reason) {
    lossReported = true;
    Producer stopped = producer;
    producer = null;
    if (stopped != null) {
      stopped.stopProducing();
    }
    protocol.connectionLost(reason);
  }

  @Override
  public String toString() {
    return "StringTransport[" + host + " <-> " + peer + ", " + written.size() + " bytes written"
        + (aborted ? ", aborted" : disconnecting ? ", disconnecting" : "") + "]";
  }
}
