package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectError;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorTime;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Makes HTTP requests and answers with their responses (Twisted's {@code IAgent} and {@code
 * Agent}). {@link #create} gives the agent that connects and speaks HTTP/1.1 over a {@link
 * ConnectionPool}; {@link RedirectAgent}, {@link ContentDecoderAgent}, {@link CookieAgent} wrap
 * another agent to add what their names say, and {@link ProxyAgent} goes through a proxy.
 *
 * <pre>{@code
 * Agent agent = new ContentDecoderAgent(new RedirectAgent(Agent.create(reactor)));
 * agent.request(HttpMethod.GET, "http://example.com/", Headers.of("Accept", "text/html"), null)
 *     .flatMap(response -> response.readBody(1 << 20))
 *     .map(Bytes::utf8);
 * }</pre>
 *
 * <p>Implementations need only {@link #request(HttpMethod, String, Headers, BodyProducer)}.
 *
 * <p>Threading: call an agent on the thread of its reactor; its Deferreds fire there.
 */
public interface Agent {

  /**
   * Sends a request for {@code method} to {@code uri} with {@code headers} (which are copied, and
   * to which the agent adds {@code Host} and the framing fields) and {@code body}, or none if
   * {@code null} (Twisted's {@code bodyProducer=None}). Fires with the response once its head has
   * arrived; its body follows, read with {@link Response#readBody} or streamed.
   *
   * <p>Fails with a {@link ConnectError} if no connection could be made: refused, timed out, an
   * unknown host, or a failed TLS handshake, whose message says why (such as a certificate that
   * is not trusted or does not name the host) and whose cause is the {@code SSLException}. Fails
   * with an {@link HttpClientException} saying at what point the exchange failed otherwise,
   * {@link TunnelRefused} when a proxy would not open a tunnel. Cancelling the Deferred before it
   * fires aborts the exchange; its connection is not reused.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute {@code http} or {@code
   *     https} URI the agent can reach, {@code method} is {@code CONNECT}, or {@code headers}
   *     hold {@code Content-Length} or {@code Transfer-Encoding}
   */
  Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body);

  /** Sends a request without header fields of the caller's or body. */
  default Deferred<Response> request(HttpMethod method, String uri) {
    return request(method, uri, new Headers(), null);
  }

  /**
   * Returns an agent that connects over TCP, and TLS for {@code https}, on {@code reactor}, with a
   * pool of its own and {@link AgentOptions#DEFAULT}.
   */
  static Agent create(Reactor reactor) {
    return create(reactor, new ConnectionPool(reactor), AgentOptions.DEFAULT);
  }

  /**
   * Returns an agent that connects over TCP, and TLS with {@link AgentOptions#tls()} for {@code
   * https}, on {@code reactor}, through {@code pool} ({@link EndpointFactory#standard}).
   */
  static Agent create(Reactor reactor, ConnectionPool pool, AgentOptions options) {
    return usingEndpointFactory(reactor, EndpointFactory.standard(reactor, options.tls()), pool,
        options);
  }

  /**
   * Returns an agent that makes its connections with {@code endpoints} (Twisted's {@code
   * Agent.usingEndpointFactory}) through {@code pool}, and runs its timeouts on {@code time}. The
   * pool keeps connections per origin, and for {@code https} per origin and {@link
   * AgentOptions#tls()}, which the factory should use.
   */
  static Agent usingEndpointFactory(
      ReactorTime time, EndpointFactory endpoints, ConnectionPool pool, AgentOptions options) {
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(options, "options");
    return new PooledAgent(time, uri -> {
      Origin origin = uri.origin();
      Object key = origin.secure() ? new Route.TlsKey(origin, options.tls()) : origin;
      return new Route(key, uri.pathAndQuery(), origin.toString(),
          endpoints.endpoint(origin, options.connectTimeout()));
    }, pool, options);
  }
}
