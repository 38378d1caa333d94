package dev.twine.web.client;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.HostnameEndpoint;
import dev.twine.internet.endpoints.StreamClientEndpoint;
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
   * Returns the factory of plain TCP connections on {@code reactor}: a {@link HostnameEndpoint}
   * per origin, which resolves the name off the reactor thread and tries its addresses with
   * Happy Eyeballs. It refuses {@code https} origins.
   */
  static EndpointFactory tcp(Reactor reactor) {
    Objects.requireNonNull(reactor, "reactor");
    return (origin, connectTimeout) -> {
      if (origin.secure()) {
        throw new IllegalArgumentException("this endpoint factory makes plain TCP connections"
            + " and cannot reach " + origin);
      }
      return new HostnameEndpoint(reactor, origin.host(), origin.port(), connectTimeout, null);
    };
  }
}
