package dev.twine.internet;

/**
 * A transport that can take a layer between its socket and its protocol while the connection is
 * open: how a connection turns into TLS in the middle (STARTTLS), and how a TLS layer takes over
 * closing when the reactor or a connector closes the connection. Transports of {@code NioReactor}
 * are layerable.
 *
 * <p>Threading: use it on the reactor's thread, like the transport.
 */
public interface LayerableTransport extends Transport {

  /**
   * Returns the protocol the socket's events go to now: the connection's protocol (or what wraps
   * it), or the layer once one is inserted. A layer inserted passes the events on to the protocol
   * that had them before.
   */
  Protocol protocol();

  /**
   * Inserts a layer: from now on the socket's events ({@code dataReceived}, {@code connectionLost})
   * go to {@code layer}, and every call made on this transport (writes, closing, flow control)
   * goes to {@code upper}, the transport the layer offers the protocol above it. Returns the
   * transport through which the layer reaches the socket; the caller connects {@code layer} to it.
   * Bytes already queued on this transport are sent before any the layer writes.
   *
   * @throws IllegalStateException if the connection is closed or closing, a layer is already
   *     inserted, or a producer is registered
   */
  Transport insertLayer(Protocol layer, Transport upper);
}
