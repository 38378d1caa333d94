package dev.twine.web.client;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.HostnameEndpoint;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.tls.TlsClientEndpoint;
import dev.twine.internet.tls.TlsClientOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Says how an {@link Agent} reaches an origin: the endpoint its new connections are made with
 * (Twisted's {@code IAgentEndpointFactory}). Tests hand an agent one that connects in memory.
 */
@FunctionalInterface
public interface EndpointFactory {

  /**
   * Returns the endpoint that connects to {@code origin}, each attempt within {@code
   * connectTimeout}.
   *
   * @throws IllegalArgumentException if this factory cannot reach origins of that scheme
   */
  StreamClientEndpoint endpoint(Origin origin, Duration connectTimeout);

  /**
   * Returns the factory of connections over TCP on {@code reactor}: a {@link HostnameEndpoint} per
   * origin, which resolves the name off the reactor thread and tries its addresses with Happy
   * Eyeballs; for an {@code https} origin, a {@link TlsClientEndpoint} over it, which sends the
   * host with SNI and checks the server's certificate with {@code tls}. What {@link Agent#create}
   * uses, with {@link AgentOptions#tls()}.
   */
  static EndpointFactory standard(Reactor reactor, TlsClientOptions tls) {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(tls, "tls");
    return (origin, connectTimeout) -> {
      StreamClientEndpoint tcp = new HostnameEndpoint(
          reactor, origin.host(), origin.port(), connectTimeout, null);
      return origin.secure() ? new TlsClientEndpoint(reactor, tcp, origin.host(), tls) : tcp;
    };
  }
}
