package dev.twine.internet.tls;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.ServerEndpointParser;
import dev.twine.internet.endpoints.StreamServerEndpoint;

/**
 * Parses Twisted's {@code ssl:} server strings:
 * {@code ssl:PORT:privateKey=KEY.pem[:certKey=CERT.pem][:extraCertChain=CHAIN.pem][:interface=ADDRESS][:backlog=N]}.
 * The key and the certificates may share one file: without {@code certKey}, the certificate is read
 * from the key's file. The chain is the certificate then the extra chain, leaf first.
 *
 * <p>Found by {@code Endpoints.server} through {@link java.util.ServiceLoader}; not meant to be
 * called directly.
 */
public final class SslServerParser implements ServerEndpointParser {

  /** Creates the parser; {@code ServiceLoader} does so. */
  public SslServerParser() {}

  @Override
  public String prefix() {
    return "ssl";
  }

  @Override
  public StreamServerEndpoint parse(Reactor reactor, EndpointDescription description) {
    return TlsEndpointStrings.sslServer(reactor, description);
  }
}
