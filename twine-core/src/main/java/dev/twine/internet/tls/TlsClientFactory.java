package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.Connector;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each protocol of a client factory in a {@link TlsLayer} for {@code host}: the protocol is
 * connected once the handshake completes. The factory hears of a failed handshake as a failed
 * connection ({@code clientConnectionFailed} with a {@link ConnectError}), and of a connection's
 * end as its protocol heard it.
 */
final class TlsClientFactory implements ClientFactory {
  private final ReactorTime time;
  private final ClientFactory factory;
  private final TlsClientOptions options;
  private final String host;
  private final int port;
  private @Nullable TlsLayer current;

  /**
   * Creates it, making the options' TLS context now so that bad key material fails here.
   *
   * @throws KeyMaterialException if the trust roots cannot be used
   */
  TlsClientFactory(ReactorTime time, ClientFactory factory, TlsClientOptions options, String host, int port) {
    this.time = time;
    this.factory = factory;
    this.options = options;
    this.host = host;
    this.port = port;
    options.context();
  }

  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    Protocol protocol = factory.buildProtocol(address);
    if (protocol == null) {
      return null;
    }
    TlsLayer layer = new TlsLayer(options.newEngine(host, port), protocol, false, time,
        options.handshakeTimeout(), Bytes.EMPTY);
    current = layer;
    return layer;
  }

  @Override
  public void startedConnecting(Connector connector) {
    factory.startedConnecting(connector);
  }

  @Override
  public void clientConnectionFailed(Connector connector, Failure reason) {
    factory.clientConnectionFailed(connector, reason);
  }

  @Override
  public void clientConnectionLost(Connector connector, Failure reason) {
    TlsLayer layer = current;
    current = null;
    Failure heard = layer == null || layer.ending() == null ? reason : layer.ending();
    if (layer == null || layer.userConnected()) {
      factory.clientConnectionLost(connector, heard);
    } else {
      factory.clientConnectionFailed(connector, Failure.of(new ConnectError(heard.message(), heard.exception())));
    }
  }

  @Override
  public void startFactory() {
    factory.startFactory();
  }

  @Override
  public void stopFactory() {
    factory.stopFactory();
  }

  @Override
  public String toString() {
    return "TLS to " + host + " over " + factory;
  }
}
