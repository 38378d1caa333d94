package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;

/**
 * Somewhere to listen for datagrams: a UDP port. Datagram endpoints are a type of their own,
 * apart from {@link StreamServerEndpoint}, because a datagram port has one protocol rather than a
 * factory building one per connection.
 *
 * <pre>{@code
 * Endpoints.datagram(reactor, "udp:9999:interface=127.0.0.1")
 *     .listen(new Echo())
 *     .onSuccess(port -> log.info("echoing datagrams on " + port.host()));
 * }</pre>
 */
public interface DatagramServerEndpoint {

  /**
   * Binds the port and attaches {@code protocol}; the Deferred fires with the transport once
   * {@code startProtocol} has run, or fails with {@code CannotListen}.
   */
  Deferred<DatagramTransport> listen(DatagramProtocol protocol);
}
