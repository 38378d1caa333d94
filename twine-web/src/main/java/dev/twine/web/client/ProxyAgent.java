package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent that sends every request through an HTTP proxy (Twisted's {@code ProxyAgent}): it
 * connects to the proxy, names the whole URI in the request line ({@code GET
 * http://example.com/page HTTP/1.1}, RFC 9112 section 3.2.2), and keeps its connections to the
 * proxy in the pool, shared by every origin.
 *
 * <pre>{@code
 * StreamClientEndpoint proxy = Endpoints.client(reactor, "tcp:host=proxy.example:port=3128");
 * Agent agent = new ProxyAgent(reactor, proxy, new ConnectionPool(reactor), AgentOptions.DEFAULT);
 * }</pre>
 *
 * <p>Only {@code http} URIs go through it: an {@code https} URI fails at once with {@link
 * IllegalArgumentException}, since reaching one needs a {@code CONNECT} tunnel and TLS over it.
 */
public final class ProxyAgent implements Agent {
  private final StreamClientEndpoint proxy;
  private final PooledAgent agent;

  /** A pool key for the connections to one proxy. */
  private record ProxyKey(StreamClientEndpoint proxy) {}

  /**
   * Creates an agent that reaches {@code proxy} with connections from {@code pool}, running its
   * timeouts on {@code time}.
   */
  public ProxyAgent(ReactorTime time, StreamClientEndpoint proxy, ConnectionPool pool,
      AgentOptions options) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    ProxyKey key = new ProxyKey(proxy);
    this.agent = new PooledAgent(time, uri -> {
      if (uri.origin().secure()) {
        throw new IllegalArgumentException("a ProxyAgent sends http URIs only, not " + uri.text());
      }
      return new Route(key, uri.absoluteForm(), "the proxy " + proxy, proxy);
    }, pool, options);
  }

  @Override
  public Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {
    return agent.request(method, uri, headers, body);
  }

  @Override
  public String toString() {
    return "ProxyAgent[" + proxy + "]";
  }
}
