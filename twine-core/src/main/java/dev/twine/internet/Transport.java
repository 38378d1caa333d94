package dev.twine.internet;

import dev.twine.bytes.Bytes;
import java.util.List;

/**
 * One side of a connection as its {@link Protocol} sees it: writes, closing, addresses and flow
 * control (Twisted's {@code ITransport} with {@code IConsumer} and {@code IPushProducer}).
 *
 * <p>Writing only queues: the reactor sends everything written during one dispatch together, once
 * the protocol's callback returns. Pausing the transport ({@link #pauseProducing}) stops reading
 * from the peer; that is how a protocol applies backpressure to it.
 *
 * <p>Threading: use a transport only on its reactor's thread. To write from another thread, hand
 * the work over with the reactor's {@code callFromThread}.
 */
public interface Transport extends Consumer, PushProducer {

  /** Queues every item of {@code data} in order, as one write each would. */
  default void writeSequence(List<Bytes> data) {
    for (Bytes item : data) {
      write(item);
    }
  }

  /**
   * Closes the connection once everything queued has been written, and the registered producer,
   * if any, has unregistered. The protocol then gets {@code connectionLost} with
   * {@link ConnectionDone}. Idempotent.
   */
  void loseConnection();

  /**
   * Closes the connection now, dropping whatever is queued. The protocol gets
   * {@code connectionLost} with {@link ConnectionAborted}. Idempotent.
   */
  void abortConnection();

  /**
   * Returns whether {@link #loseConnection} or {@link #abortConnection} has been called, or the
   * connection has ended: protocols stop handing out further input then (Twisted's
   * {@code transport.disconnecting}).
   */
  default boolean disconnecting() {
    return false;
  }

  /** Returns the address of the other end. */
  Address peer();

  /** Returns the address of this end. */
  Address host();

  /** Returns whether the connection is encrypted and authenticated (TLS). */
  default boolean secure() {
    return false;
  }
}
