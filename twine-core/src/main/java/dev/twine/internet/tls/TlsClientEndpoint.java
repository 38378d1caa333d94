package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import java.util.Objects;

/**
 * Connecting with TLS over another client endpoint (Twisted's {@code wrapClientTLS}): what
 * {@code tls:} and {@code ssl:} client strings make. The connection's protocol is connected, and
 * the Deferred fires with it, once the handshake has completed.
 *
 * <pre>{@code
 * StreamClientEndpoint tcp = new HostnameEndpoint(reactor, "example.com", 443, Duration.ofSeconds(30), null);
 * new TlsClientEndpoint(reactor, tcp, "example.com", TlsClientOptions.DEFAULT)
 *     .connect(Factory.forProtocol(Probe::new));
 * }</pre>
 *
 * @param reactor the reactor's time, for the handshake timeout (and its flush hook, if it has one)
 * @param inner how to make the connection underneath
 * @param host the server's name, sent with SNI and checked against its certificate unless the
 *     options name another
 * @param options how to check the server and present this client
 */
public record TlsClientEndpoint(ReactorTime reactor, StreamClientEndpoint inner, String host, TlsClientOptions options)
    implements StreamClientEndpoint {

  /** Checks the values are there. */
  public TlsClientEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Connects and runs the handshake. The Deferred fires with the protocol from {@code factory} once
   * it is connected, or fails with a {@link ConnectError}: the inner endpoint's, or one caused by
   * the failed or timed-out handshake (its message says why, such as a certificate that does not
   * name the host). Cancelling it abandons the attempt, or aborts a handshake under way.
   */
  @Override
  public Deferred<Protocol> connect(Factory factory) {
    Objects.requireNonNull(factory, "factory");
    try {
      options.context();
    } catch (KeyMaterialException e) {
      return Deferred.fail(e);
    }
    return inner.connect(address -> {
      Protocol protocol = factory.buildProtocol(address);
      return protocol == null ? null : new TlsLayer(options.newEngine(host, port(address)), protocol, false,
          reactor, options.handshakeTimeout(), Bytes.EMPTY);
    }).flatMap(connected -> {
      TlsLayer layer = (TlsLayer) connected;
      return layer.handshake().map(transport -> layer.user());
    }).recover(failure -> {
      throw switch (failure.exception()) {
        case ConnectError error -> error;
        case ConnectionClosed closed -> new ConnectError(closed.getMessage(), closed);
        case CancelledException cancelled ->
            new ConnectError("connecting to " + host + " was cancelled during the TLS handshake", cancelled);
        case Throwable other -> new ConnectError("the TLS connection to " + host + " failed: " + other, other);
      };
    });
  }

  private static int port(Address address) {
    return switch (address) {
      case IPv4Address inet -> inet.port();
      case IPv6Address inet -> inet.port();
      default -> -1;
    };
  }
}
