package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpLimits;

/**
 * Connects through a tunnel that a proxy opens with {@code CONNECT} ({@link ConnectTunnel}): the
 * protocol from the factory speaks to {@code authority} as if connected to it. A {@link
 * ProxyAgent} puts TLS over it for {@code https} origins.
 *
 * @param proxy how to reach the proxy
 * @param authority where the tunnel goes, as {@code host:port}
 * @param proxyHeaders the fields sent to the proxy with the {@code CONNECT}
 * @param limits the limits the proxy's answer is held to
 */
record TunnelEndpoint(StreamClientEndpoint proxy, String authority, Headers proxyHeaders,
    HttpLimits limits) implements StreamClientEndpoint {

  /**
   * Connects to the proxy and asks for the tunnel; fires once the protocol is connected through
   * it, or fails as {@link ConnectTunnel#established} says, or as the proxy's endpoint does.
   * Cancelling it abandons the attempt.
   */
  @Override
  public Deferred<Protocol> connect(Factory factory) {
    ConnectTunnel tunnel = new ConnectTunnel(authority, proxyHeaders, factory, limits);
    return proxy.connectProtocol(tunnel).flatMap(ConnectTunnel::established);
  }
}
