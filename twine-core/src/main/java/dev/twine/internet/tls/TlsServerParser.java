package dev.twine.internet.tls;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.ServerEndpointParser;
import dev.twine.internet.endpoints.StreamServerEndpoint;

/**
 * Parses {@code tls:} server strings, which serve one certificate per host name (SNI):
 * {@code tls:PORT:certificates=DIR[:interface=ADDRESS][:backlog=N]}. For each host name
 * {@code NAME}, {@code DIR} holds {@code NAME.pem} (private key and chain) or {@code NAME.key} with
 * {@code NAME.crt}; {@code _.example.com} stands for the wildcard {@code *.example.com}; the one named
 * {@code default} serves clients that ask for no name or an unknown one (without it, the first name
 * in alphabetical order does). The parameters of {@code ssl:} are accepted instead of
 * {@code certificates}, for a single certificate.
 *
 * <p>Found by {@code Endpoints.server} through {@link java.util.ServiceLoader}; not meant to be
 * called directly.
 */
public final class TlsServerParser implements ServerEndpointParser {

  /** Creates the parser; {@code ServiceLoader} does so. */
  public TlsServerParser() {}

  @Override
  public String prefix() {
    return "tls";
  }

  @Override
  public StreamServerEndpoint parse(Reactor reactor, EndpointDescription description) {
    return TlsEndpointStrings.tlsServer(reactor, description);
  }
}
