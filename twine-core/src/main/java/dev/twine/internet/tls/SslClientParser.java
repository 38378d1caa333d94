package dev.twine.internet.tls;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.ClientEndpointParser;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.StreamClientEndpoint;

/**
 * Parses Twisted's older {@code ssl:} client strings, read as {@code tls:} ones:
 * {@code ssl:host=NAME:port=N[:caCertsDir=DIR][:privateKey=KEY.pem[:certKey=CERT.pem]][:timeout=S][:bindAddress=A]}.
 * Unlike Twisted's, they always verify the server: against the system's trust roots when
 * {@code caCertsDir} is not given.
 *
 * <p>Found by {@code Endpoints.client} through {@link java.util.ServiceLoader}; not meant to be
 * called directly.
 */
public final class SslClientParser implements ClientEndpointParser {

  /** Creates the parser; {@code ServiceLoader} does so. */
  public SslClientParser() {}

  @Override
  public String prefix() {
    return "ssl";
  }

  @Override
  public StreamClientEndpoint parse(Reactor reactor, EndpointDescription description) {
    return TlsEndpointStrings.client(reactor, description);
  }
}
