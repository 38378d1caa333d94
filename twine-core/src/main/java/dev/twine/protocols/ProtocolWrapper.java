package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.StreamTransport;
import dev.twine.internet.Transport;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A protocol that stands between a connection and another protocol, the wrapped one, and passes
 * everything through (Twisted's {@code ProtocolWrapper}). Policies extend it and override the
 * events they watch: the wrapped protocol's data ({@link #dataReceived}), its writes ({@link
 * #write}, {@link #writeSequence}), its closing, and the end of the connection ({@link
 * #connectionLost}).
 *
 * <pre>{@code
 * final class Counting extends ProtocolWrapper {
 *   long in, out;
 *
 *   Counting(Protocol wrapped) { super(wrapped); }
 *
 *   @Override public void dataReceived(Bytes data) { in += data.size(); super.dataReceived(data); }
 *   @Override protected void write(Bytes data) { out += data.size(); super.write(data); }
 * }
 * reactor.listenTcp(8000, new WrappingFactory(Factory.forProtocol(Echo::new), Counting::new));
 * }</pre>
 *
 * <p>When connected, the wrapper connects the wrapped protocol to a transport of its own: the
 * wrapped protocol's writes, closes, producer registrations, pausing and resuming of reads, and
 * its view of the peer's address come to the protected methods of the wrapper, whose defaults
 * pass them to the real transport ({@link #transport()}); everything else (the host address,
 * socket options) goes straight to the real transport. That
 * transport is a {@link StreamTransport} when the real one is. A wrapped {@link
 * dev.twine.internet.HalfCloseableProtocol} is not told of half-closes: the connection ends when
 * the peer stops sending.
 *
 * <p>Threading: the reactor thread of the connection, like every protocol.
 */
public class ProtocolWrapper extends Protocol implements HalfCloseableProtocol {
  private final Protocol wrapped;

  /** Creates a wrapper around {@code wrapped}, which must not be connected yet. */
  public ProtocolWrapper(Protocol wrapped) {
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
  }

  /** Returns the protocol this wrapper passes events to. */
  public final Protocol wrapped() {
    return wrapped;
  }

  /**
   * Connects this wrapper to {@code transport}, which calls its {@link #connectionMade}, then
   * connects the wrapped protocol to the wrapper's own transport.
   *
   * @throws IllegalStateException if the wrapper is already connected
   */
  @Override
  public void makeConnection(Transport transport) {
    super.makeConnection(transport);
    wrapped.makeConnection(transport instanceof StreamTransport stream
        ? new WrapperStreamTransport(this, stream)
        : new WrapperTransport(this, transport));
  }

  /** Passes {@code data} to the wrapped protocol. */
  @Override
  public void dataReceived(Bytes data) {
    wrapped.dataReceived(data);
  }

  /** Tells the wrapped protocol that the connection ended. */
  @Override
  public void connectionLost(Failure reason) {
    wrapped.connectionLost(reason);
  }

  /**
   * Tells a half-closeable wrapped protocol that the peer will send nothing more; closes the
   * connection, after what is queued, for any other.
   */
  @Override
  public void readConnectionLost() {
    if (wrapped instanceof HalfCloseableProtocol halfCloseable) {
      halfCloseable.readConnectionLost();
    } else {
      transport().loseConnection();
    }
  }

  /** Tells a half-closeable wrapped protocol that its writing side is closed. */
  @Override
  public void writeConnectionLost() {
    if (wrapped instanceof HalfCloseableProtocol halfCloseable) {
      halfCloseable.writeConnectionLost();
    }
  }

  /** Called when the wrapped protocol writes {@code data}; writes it to the real transport. */
  protected void write(Bytes data) {
    transport().write(data);
  }

  /** Called when the wrapped protocol writes a sequence; writes it to the real transport. */
  protected void writeSequence(List<Bytes> data) {
    transport().writeSequence(data);
  }

  /**
   * Called when the wrapped protocol writes a region of a file; hands it to the real transport,
   * with that transport's contract ({@link Transport#writeFile}).
   */
  protected Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    return transport().writeFile(file, position, count);
  }

  /** Returns whether the real transport sends file regions without reading them into memory. */
  protected boolean sendsFilesDirectly() {
    return transport().sendsFilesDirectly();
  }

  /** Called when the wrapped protocol closes the connection; closes the real transport. */
  protected void loseConnection() {
    transport().loseConnection();
  }

  /** Called when the wrapped protocol aborts the connection; aborts the real transport. */
  protected void abortConnection() {
    transport().abortConnection();
  }

  /** Called when the wrapped protocol registers a producer; registers it with the real transport. */
  protected void registerProducer(Producer producer, boolean streaming) {
    transport().registerProducer(producer, streaming);
  }

  /** Called when the wrapped protocol unregisters its producer; unregisters it from the real transport. */
  protected void unregisterProducer() {
    transport().unregisterProducer();
  }

  /** Called when the wrapped protocol pauses reading; pauses the real transport. */
  protected void pauseProducing() {
    transport().pauseProducing();
  }

  /** Called when the wrapped protocol resumes reading; resumes the real transport. */
  protected void resumeProducing() {
    transport().resumeProducing();
  }

  /**
   * Returns the address of the other end as the wrapped protocol sees it; by default the real
   * transport's. A wrapper that learns the client's address another way (such as the PROXY
   * protocol) returns that.
   */
  protected Address peer() {
    return transport().peer();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + wrapped + "]";
  }
}
