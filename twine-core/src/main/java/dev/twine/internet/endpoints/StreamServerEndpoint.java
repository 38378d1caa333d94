package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;

/**
 * Somewhere to listen for stream connections (Twisted's {@code IStreamServerEndpoint}).
 *
 * <pre>{@code
 * Endpoints.server(reactor, "tcp:8080:interface=127.0.0.1")
 *     .listen(Factory.forProtocol(Echo::new))
 *     .onSuccess(port -> log.info("listening on " + port.address()));
 * }</pre>
 */
public interface StreamServerEndpoint {

  /**
   * Starts listening, handing each connection to a protocol from {@code factory}; the Deferred
   * fires with the port, or fails with {@code CannotListen}.
   */
  Deferred<ListeningPort> listen(Factory factory);
}
