package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each protocol of a server factory in a {@link TlsLayer}: the protocol is connected once
 * its handshake completes. Starting and stopping pass through to the wrapped factory.
 */
final class TlsServerFactory implements Factory {
  private final ReactorTime time;
  private final Factory factory;
  private final TlsServerOptions options;

  /**
   * Creates it, making the options' TLS context now so that bad key material fails here.
   *
   * @throws KeyMaterialException if the client trust roots cannot be used
   */
  TlsServerFactory(ReactorTime time, Factory factory, TlsServerOptions options) {
    this.time = time;
    this.factory = factory;
    this.options = options;
    options.context();
  }

  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    Protocol protocol = factory.buildProtocol(address);
    return protocol == null ? null
        : new TlsLayer(options.newEngine(), protocol, false, time, options.handshakeTimeout(), Bytes.EMPTY);
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
    return "TLS over " + factory;
  }
}
