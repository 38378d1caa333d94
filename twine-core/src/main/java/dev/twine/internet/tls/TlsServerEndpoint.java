package dev.twine.internet.tls;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.endpoints.StreamServerEndpoint;
import java.util.Objects;

/**
 * Listening with TLS on another server endpoint, TCP or UNIX: what {@code ssl:} and {@code tls:}
 * server strings make. Each connection's protocol is connected once its handshake completes.
 *
 * <pre>{@code
 * new TlsServerEndpoint(reactor, new TcpServerEndpoint(reactor, 8443, 50, ""), options)
 *     .listen(Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * @param reactor the reactor's time, for handshake timeouts (and its flush hook, if it has one)
 * @param inner where to listen for the connections underneath
 * @param options the certificates and settings to serve with
 */
public record TlsServerEndpoint(ReactorTime reactor, StreamServerEndpoint inner, TlsServerOptions options)
    implements StreamServerEndpoint {

  /** Checks the values are there. */
  public TlsServerEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Listens; the Deferred fires with the port, or fails as the inner endpoint's listening does, or
   * with a {@link KeyMaterialException} if the options' client trust roots cannot be used.
   */
  @Override
  public Deferred<ListeningPort> listen(Factory factory) {
    Objects.requireNonNull(factory, "factory");
    return Deferred.maybeDeferredWith(() -> inner.listen(new TlsServerFactory(reactor, factory, options)));
  }
}
