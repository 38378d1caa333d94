package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.tls.TlsClientEndpoint;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent that sends every request through an HTTP proxy (Twisted's {@code ProxyAgent}, with
 * tunnels for HTTPS).
 *
 * <ul>
 *   <li>An {@code http} URI goes to the proxy whole in the request line ({@code GET
 *       http://example.com/page HTTP/1.1}, RFC 9112 section 3.2.2), on connections to the proxy
 *       that the pool shares among every origin.
 *   <li>An {@code https} URI goes through a tunnel: the agent asks the proxy for one with {@code
 *       CONNECT example.com:443} (RFC 9110 section 9.3.6), and once the proxy answers 2xx, speaks
 *       TLS with the origin over the same connection, checking its certificate with {@link
 *       AgentOptions#tls()} as a direct connection would, then HTTP inside. The proxy sees only
 *       the host and port. The pool keeps tunnels per origin and TLS options. A proxy that answers
 *       the {@code CONNECT} with another status fails the request with {@link TunnelRefused},
 *       which carries that status.
 * </ul>
 *
 * <pre>{@code
 * StreamClientEndpoint proxy = Endpoints.client(reactor, "tcp:host=proxy.example:port=3128");
 * Headers credentials = Headers.of("Proxy-Authorization", "Basic " + token);
 * Agent agent = new ProxyAgent(reactor, proxy, credentials, new ConnectionPool(reactor),
 *     AgentOptions.DEFAULT);
 * }</pre>
 *
 * <p>The proxy headers given to the constructor, such as {@code Proxy-Authorization}, go to the
 * proxy only: with each {@code CONNECT}, and with each {@code http} request that does not set a
 * field of the same name itself. They never reach an {@code https} origin.
 */
public final class ProxyAgent implements Agent {
  private final StreamClientEndpoint proxy;
  private final Headers proxyHeaders;
  private final PooledAgent plain;
  private final PooledAgent tunnelled;

  /** A pool key for the connections to one proxy, which carry requests to any http origin. */
  private record ProxyKey(StreamClientEndpoint proxy) {}

  /** A pool key for the tunnels through one proxy to one origin. */
  private record TunnelKey(StreamClientEndpoint proxy, Origin origin) {}

  /**
   * Creates an agent that reaches {@code proxy} with connections from {@code pool}, running its
   * timeouts on {@code time}, and sends the proxy no header fields of its own.
   */
  public ProxyAgent(ReactorTime time, StreamClientEndpoint proxy, ConnectionPool pool,
      AgentOptions options) {
    this(time, proxy, new Headers(), pool, options);
  }

  /**
   * Creates an agent that reaches {@code proxy} with connections from {@code pool}, running its
   * timeouts on {@code time}, and sends the proxy {@code proxyHeaders} (copied), such as its
   * credentials.
   */
  public ProxyAgent(ReactorTime time, StreamClientEndpoint proxy, Headers proxyHeaders,
      ConnectionPool pool, AgentOptions options) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.proxyHeaders = Objects.requireNonNull(proxyHeaders, "proxyHeaders").copy();
    Objects.requireNonNull(options, "options");
    Headers connectHeaders = this.proxyHeaders;
    ProxyKey key = new ProxyKey(proxy);
    this.plain = new PooledAgent(time,
        uri -> new Route(key, uri.absoluteForm(), "the proxy " + proxy, proxy), pool, options);
    this.tunnelled = new PooledAgent(time, uri -> {
      Origin origin = uri.origin();
      TunnelEndpoint tunnel = new TunnelEndpoint(
          proxy, hostAndPort(origin), connectHeaders, options.limits());
      return new Route(new Route.TlsKey(new TunnelKey(proxy, origin), options.tls()),
          uri.pathAndQuery(), origin + " through the proxy " + proxy,
          new TlsClientEndpoint(time, tunnel, origin.host(), options.tls()));
    }, pool, options);
  }

  /**
   * Sends the request through the proxy, as the class description says.
   *
   * @throws IllegalArgumentException as {@link Agent#request} says, or if an {@code https}
   *     request's own headers hold {@code Proxy-Authorization}, which would reach the origin
   *     through the tunnel: give it to the constructor instead
   */
  @Override
  public Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {
    Objects.requireNonNull(headers, "headers");
    if (RequestUri.parse(Objects.requireNonNull(uri, "uri")).origin().secure()) {
      if (headers.contains("Proxy-Authorization")) {
        throw new IllegalArgumentException("Proxy-Authorization in the headers of " + uri
            + " would reach the origin through the tunnel; give it to the ProxyAgent instead");
      }
      return tunnelled.request(method, uri, headers, body);
    }
    return plain.request(method, uri, withProxyHeaders(headers), body);
  }

  private Headers withProxyHeaders(Headers headers) {
    if (proxyHeaders.isEmpty()) {
      return headers;
    }
    Headers sent = headers.copy();
    for (int i = 0; i < proxyHeaders.size(); i++) {
      if (!headers.contains(proxyHeaders.name(i))) {
        sent.add(proxyHeaders.name(i), proxyHeaders.value(i));
      }
    }
    return sent;
  }

  /** Returns {@code host:port} as a {@code CONNECT} names it: the port always, IPv6 in brackets. */
  private static String hostAndPort(Origin origin) {
    String host = origin.host().indexOf(':') >= 0 ? "[" + origin.host() + "]" : origin.host();
    return host + ":" + origin.port();
  }

  @Override
  public String toString() {
    return "ProxyAgent[" + proxy + "]";
  }
}
