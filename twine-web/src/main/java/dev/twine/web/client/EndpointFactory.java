package dev.twine.web.client;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.HostnameEndpoint;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.tls.TlsClientEndpoint;
import java.util.Objects;

/**
 * Says how an {@link Agent} reaches an origin: the endpoint its new connections are made with
 * (Twisted's {@code IAgentEndpointFactory}). Tests hand an agent one that connects in memory.
 */
@FunctionalInterface
public interface EndpointFactory {

  /**
   * Returns the endpoint that connects to {@code origin} as {@code options} say: each attempt
   * within their connect timeout, and with their TLS options for an {@code https} origin.
   *
   * @throws IllegalArgumentException if this factory cannot reach origins of that scheme
   */
  StreamClientEndpoint endpoint(Origin origin, AgentOptions options);

  /**
   * Returns the factory of connections over TCP on {@code reactor}: a {@link HostnameEndpoint} per
   * origin, which resolves the name off the reactor thread and tries its addresses with Happy
   * Eyeballs; for an {@code https} origin, a {@link TlsClientEndpoint} over it, which sends the
   * host with SNI and checks the server's certificate with {@link AgentOptions#tls()}.
   */
  static EndpointFactory standard(Reactor reactor) {
    Objects.requireNonNull(reactor, "reactor");
    return (origin, options) -> {
      StreamClientEndpoint tcp = new HostnameEndpoint(
          reactor, origin.host(), origin.port(), options.connectTimeout(), null);
      return origin.secure()
          ? new TlsClientEndpoint(reactor, tcp, origin.host(), options.tls()) : tcp;
    };
  }
}
