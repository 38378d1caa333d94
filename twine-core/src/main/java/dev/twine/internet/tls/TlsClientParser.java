package dev.twine.internet.tls;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.ClientEndpointParser;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.StreamClientEndpoint;

/**
 * Parses {@code tls:} client strings:
 * {@code tls:host=NAME:port=N[:trustRoots=CA.pem|DIR][:serverName=NAME][:privateKey=KEY.pem[:certKey=CERT.pem]][:timeout=S][:bindAddress=A]},
 * or {@code tls:NAME:N}. The connection is made as {@code tcp:} makes it (Happy Eyeballs); the
 * server's certificate must chain to the trust roots (the system's by default) and name the host
 * (or {@code serverName}); {@code privateKey} presents a client certificate.
 *
 * <p>Found by {@code Endpoints.client} through {@link java.util.ServiceLoader}; not meant to be
 * called directly.
 */
public final class TlsClientParser implements ClientEndpointParser {

  /** Creates the parser; {@code ServiceLoader} does so. */
  public TlsClientParser() {}

  @Override
  public String prefix() {
    return "tls";
  }

  @Override
  public StreamClientEndpoint parse(Reactor reactor, EndpointDescription description) {
    return TlsEndpointStrings.client(reactor, description);
  }
}
