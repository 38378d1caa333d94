package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.LayerableTransport;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.ReactorTcp;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.Transport;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Listening for and making TLS connections over TCP, and turning a connection into TLS midway
 * (Twisted's {@code IReactorSSL} and {@code ITLSTransport.startTLS}). Built on
 * {@link ReactorTcp} and the TLS layer, so any reactor with TCP and time has it; {@code NioReactor}
 * implements it.
 *
 * <pre>{@code
 * CertifiedKey key = CertifiedKey.load(Path.of("key.pem"), Path.of("cert.pem"));
 * reactor.listenTls(8443, Factory.forProtocol(Echo::new), TlsServerOptions.of(key));
 * reactor.connectTls("example.com", 443, ClientFactory.forProtocol(Probe::new), TlsClientOptions.DEFAULT);
 * }</pre>
 *
 * <p>A protocol connected through TLS is connected only once the handshake has completed, and its
 * transport is a {@link TlsTransport}. Threading: as {@link ReactorTcp}, on the reactor's thread.
 */
public interface ReactorTls extends ReactorTcp, ReactorTime {

  /**
   * Listens on {@code port} of {@code interfaceAddress} as {@link #listenTcp} does, speaking TLS
   * with {@code options}: each connection gets a protocol from {@code factory}, connected once its
   * handshake completes. A connection whose handshake fails or times out is closed without the
   * factory's protocol hearing of it.
   *
   * @throws dev.twine.internet.CannotListen if the address is in use or cannot be bound
   * @throws KeyMaterialException if the options' client trust roots cannot be used
   */
  default ListeningPort listenTls(
      int port, Factory factory, TlsServerOptions options, int backlog, String interfaceAddress) {
    return listenTcp(port, new TlsServerFactory(this, Objects.requireNonNull(factory, "factory"),
        Objects.requireNonNull(options, "options")), backlog, interfaceAddress);
  }

  /** Listens with TLS on {@code port} of every IPv4 interface with the default backlog. */
  default ListeningPort listenTls(int port, Factory factory, TlsServerOptions options) {
    return listenTls(port, factory, options, DEFAULT_BACKLOG, "");
  }

  /**
   * Connects to {@code host} on {@code port} as {@link #connectTcp} does, then speaks TLS with
   * {@code options}, verifying the server's certificate for {@code host} (or the options' server
   * name). The protocol from {@code factory} is connected once the handshake completes; if it
   * fails, the factory hears {@code clientConnectionFailed} with a {@code ConnectError} saying why.
   *
   * @throws KeyMaterialException if the options' trust roots cannot be used
   */
  default Connector connectTls(String host, int port, ClientFactory factory, TlsClientOptions options,
      Duration timeout, @Nullable Address bindAddress) {
    return connectTcp(host, port, new TlsClientFactory(this, Objects.requireNonNull(factory, "factory"),
        Objects.requireNonNull(options, "options"), host, port), timeout, bindAddress);
  }

  /** Connects with TLS with the default timeout from any local address. */
  default Connector connectTls(String host, int port, ClientFactory factory, TlsClientOptions options) {
    return connectTls(host, port, factory, options, DEFAULT_CONNECT_TIMEOUT, null);
  }

  /**
   * Turns the open connection of {@code transport} into TLS as its server (STARTTLS): what was
   * written before goes out first in plaintext, then the handshake runs, and the protocol goes on
   * with the same transport, now encrypted. Call it right after writing the protocol's
   * go-ahead (such as SMTP's {@code 220 Ready to start TLS}). {@code alreadyReceived} is what the
   * protocol received past its own switch point and had not consumed (say, the rest of a line
   * buffer): it is fed to the handshake first, so nothing is lost or reordered. Writes made before
   * the handshake completes are sent once it has; reading is resumed for the handshake if it was
   * paused.
   *
   * <p>The Deferred fires with the TLS view of the transport once the handshake completes, or
   * fails as the connection ends if it does not; the protocol hears {@code connectionLost} too.
   *
   * @throws IllegalArgumentException if the transport cannot take a layer (is not a
   *     {@link LayerableTransport})
   * @throws IllegalStateException if it is closing, already TLS, or has a producer registered
   */
  default Deferred<TlsTransport> startTls(Transport transport, TlsServerOptions options, Bytes alreadyReceived) {
    LayerableTransport layerable = layerable(transport);
    return TlsLayer.switchToTls(this, layerable, options.newEngine(), options.handshakeTimeout(),
        Objects.requireNonNull(alreadyReceived, "alreadyReceived"));
  }

  /** Turns the connection into TLS as its server, with nothing received past the switch. */
  default Deferred<TlsTransport> startTls(Transport transport, TlsServerOptions options) {
    return startTls(transport, options, Bytes.EMPTY);
  }

  /**
   * Turns the open connection of {@code transport} into TLS as its client (STARTTLS), as the
   * server-side {@code startTls} does, verifying the server's certificate for {@code host} (or the
   * options' server name).
   *
   * @throws IllegalArgumentException if the transport cannot take a layer
   * @throws IllegalStateException if it is closing, already TLS, or has a producer registered
   */
  default Deferred<TlsTransport> startTls(
      Transport transport, String host, TlsClientOptions options, Bytes alreadyReceived) {
    LayerableTransport layerable = layerable(transport);
    int port = switch (transport.peer()) {
      case IPv4Address address -> address.port();
      case IPv6Address address -> address.port();
      default -> -1;
    };
    return TlsLayer.switchToTls(this, layerable, options.newEngine(Objects.requireNonNull(host, "host"), port),
        options.handshakeTimeout(), Objects.requireNonNull(alreadyReceived, "alreadyReceived"));
  }

  /** Turns the connection into TLS as its client, with nothing received past the switch. */
  default Deferred<TlsTransport> startTls(Transport transport, String host, TlsClientOptions options) {
    return startTls(transport, host, options, Bytes.EMPTY);
  }

  private static LayerableTransport layerable(Transport transport) {
    if (transport instanceof LayerableTransport layerable) {
      return layerable;
    }
    throw new IllegalArgumentException("cannot start TLS on " + transport
        + ": it is not a LayerableTransport that can take a layer");
  }
}
