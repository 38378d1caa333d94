package dev.twine.web;

import dev.twine.protocols.ConnectionLimits;
import dev.twine.protocols.LimitConnectionsFactory;
import dev.twine.protocols.ProxyProtocolOptions;
import dev.twine.web.http.HttpLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Site} treats its clients: the bounds of the codec, the timeouts that free
 * connections from slow or silent clients, how many connections it serves and how much each may
 * ask, whether it reads the PROXY protocol, and whether error pages show stack traces.
 *
 * <pre>{@code
 * SiteOptions uploads = SiteOptions.DEFAULT
 *     .withLimits(HttpLimits.DEFAULT.withMaxBodySize(1L << 30))
 *     .withBodyTimeout(Duration.ofMinutes(2));
 * Site site = new Site(root, reactor, uploads);
 * }</pre>
 *
 * <p>The timeouts:
 *
 * <ul>
 *   <li>{@code headerTimeout} runs from the first byte of a request until its header section is
 *       complete, however steadily the bytes trickle in: a client that sends headers a byte at a
 *       time (slowloris) gets {@code 408 Request Timeout} and is disconnected when it expires.
 *   <li>{@code bodyTimeout} is the longest silence while a request body is being read; it is
 *       suspended while the server itself holds the body back (a resource that has not asked for
 *       it yet, or paused it). On expiry the request gets 408 if its response has not started,
 *       and the connection is closed.
 *   <li>{@code idleTimeout} is the longest a connection may stay open with no request under way
 *       and every response written: a new connection that sends nothing, or a persistent one
 *       between requests. It is closed without a word.
 * </ul>
 *
 * <p>While a response is being produced, no timeout runs: that is the server's time.
 *
 * <p>The connection limits are those of {@link LimitConnectionsFactory}: a connection past the
 * total, past the count of its client address, or opened faster than its address may, is closed
 * at once without a word. They count the connections of one site, which belongs to one reactor.
 * Behind a proxy that speaks the PROXY protocol, name the proxy in {@code proxyProtocol}: the
 * client addresses it reports are then those that the limits, the access log and {@link
 * Request#clientAddress()} see, and no one else can claim an address:
 *
 * <pre>{@code
 * SiteOptions behindHaproxy = SiteOptions.DEFAULT.withProxyProtocol(ProxyProtocolOptions.DEFAULT
 *     .withTrustedProxies(List.of(IpNetwork.parse("10.0.0.0/24"))));
 * }</pre>
 *
 * @param limits the bounds of the request parser, each answered with its status (414, 431, 413,
 *     400), {@link HttpLimits#maxHeaderCount()} among them
 * @param headerTimeout the longest time from the first byte of a request to the end of its
 *     header section
 * @param bodyTimeout the longest silence while a request body is read
 * @param idleTimeout the longest a connection stays open with nothing under way
 * @param maxPipelinedRequests how many requests may be in progress on one connection, the one
 *     being answered included; past it the server stops reading the connection until the oldest
 *     response has been written
 * @param maxRequestsPerConnection how many requests one persistent connection may carry: the
 *     response to the last one says {@code Connection: close}, and nothing after it is read
 * @param connections how many connections are served at once, in all and per client address,
 *     and how fast one address may open new ones
 * @param maxUpgradedConnections how many connections switched to another protocol, such as
 *     WebSocket, may be open at once; an upgrade past it gets {@code 503 Service Unavailable},
 *     the protocol it would have switched to is never connected, and the connection stays HTTP
 * @param proxyProtocol whom the site believes when a connection starts with a PROXY protocol
 *     header, and what it does with the others; {@link ProxyProtocolOptions#NONE} for no PROXY
 *     protocol at all
 * @param debug whether a {@code 500 Internal Server Error} page shows the stack trace of what
 *     failed; never turn it on for a server that faces the internet
 */
public record SiteOptions(
    HttpLimits limits,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int maxPipelinedRequests,
    int maxRequestsPerConnection,
    ConnectionLimits connections,
    int maxUpgradedConnections,
    ProxyProtocolOptions proxyProtocol,
    boolean debug) {

  /**
   * The connection limits of {@link #DEFAULT}: 10,000 connections, 1,024 per client address,
   * which leaves room for many clients behind one NAT, and 100 new connections per second per
   * address after a burst of 1,024.
   */
  public static final ConnectionLimits CONNECTIONS = ConnectionLimits.DEFAULT
      .withMaxConnectionsPerAddress(1024)
      .withNewConnectionRate(100, 1024);

  /**
   * Options fit for a server that faces the internet: {@link HttpLimits#DEFAULT}, 10 seconds for
   * a header section, 30 seconds of silence in a body, 15 seconds idle, 16 pipelined requests,
   * 10,000 requests per connection, the connection limits {@link #CONNECTIONS}, 5,000 upgraded
   * connections, no PROXY protocol, no stack traces.
   */
  public static final SiteOptions DEFAULT = new SiteOptions(HttpLimits.DEFAULT,
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), 16, 10_000,
      CONNECTIONS, 5_000, ProxyProtocolOptions.NONE, false);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if a timeout is zero or negative, or {@code
   *     maxPipelinedRequests}, {@code maxRequestsPerConnection} or {@code maxUpgradedConnections}
   *     is below 1
   */
  public SiteOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(proxyProtocol, "proxyProtocol");
    positive("headerTimeout", headerTimeout);
    positive("bodyTimeout", bodyTimeout);
    positive("idleTimeout", idleTimeout);
    atLeastOne("maxPipelinedRequests", maxPipelinedRequests);
    atLeastOne("maxRequestsPerConnection", maxRequestsPerConnection);
    atLeastOne("maxUpgradedConnections", maxUpgradedConnections);
  }

  private static void positive(String name, Duration timeout) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + timeout);
    }
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
  }

  /** Returns these options with other limits. */
  public SiteOptions withLimits(HttpLimits newLimits) {
    return new SiteOptions(newLimits, headerTimeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with another header section timeout. */
  public SiteOptions withHeaderTimeout(Duration timeout) {
    return new SiteOptions(limits, timeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with another body silence timeout. */
  public SiteOptions withBodyTimeout(Duration timeout) {
    return new SiteOptions(limits, headerTimeout, timeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with another idle timeout. */
  public SiteOptions withIdleTimeout(Duration timeout) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, timeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with another cap on requests in progress per connection. */
  public SiteOptions withMaxPipelinedRequests(int max) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, max,
        maxRequestsPerConnection, connections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with another number of requests one connection may carry. */
  public SiteOptions withMaxRequestsPerConnection(int max) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        max, connections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with other connection limits. */
  public SiteOptions withConnections(ConnectionLimits newConnections) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, newConnections, maxUpgradedConnections, proxyProtocol, debug);
  }

  /** Returns these options with another cap on connections switched to another protocol. */
  public SiteOptions withMaxUpgradedConnections(int max) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, max, proxyProtocol, debug);
  }

  /** Returns these options reading the PROXY protocol as {@code options} say. */
  public SiteOptions withProxyProtocol(ProxyProtocolOptions options) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, maxUpgradedConnections, options, debug);
  }

  /** Returns these options with stack traces on 500 pages shown ({@code true}) or not. */
  public SiteOptions withDebug(boolean show) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        maxRequestsPerConnection, connections, maxUpgradedConnections, proxyProtocol, show);
  }
}
