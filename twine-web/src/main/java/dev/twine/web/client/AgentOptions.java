package dev.twine.web.client;

import dev.twine.internet.ReactorTcp;
import dev.twine.internet.tls.TlsClientOptions;
import dev.twine.internet.tls.TrustRoots;
import dev.twine.web.http.HttpLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an {@link Agent}: its timeouts, the limits it holds responses to, and how it
 * checks the servers of {@code https} URIs. Instances are immutable; the {@code with} methods
 * return copies.
 *
 * <pre>{@code
 * AgentOptions quick = AgentOptions.DEFAULT
 *     .withConnectTimeout(Duration.ofSeconds(5))
 *     .withResponseTimeout(Duration.ofSeconds(10))
 *     .withExchangeTimeout(Duration.ofMinutes(1))
 *     .withTrustRoots(TrustRoots.load(Path.of("company-ca.pem")));
 * Agent agent = Agent.create(reactor, pool, quick);
 * }</pre>
 *
 * <p>Three timeouts bound each request, each failing it (and aborting its connection, which is
 * not reused) when it runs out:
 *
 * <ul>
 *   <li>connect: making a new connection, name resolution, a proxy's tunnel and the TLS
 *       handshake included; fails with {@code ConnectTimedOut};
 *   <li>response: from the moment the whole request has been sent until the head of the final
 *       response arrives; fails with {@link RequestTimedOut};
 *   <li>exchange: from the call of {@code request} until the end of the response body, waiting
 *       for a pooled connection included; fails the response Deferred, or the body, with {@link
 *       RequestTimedOut}.
 * </ul>
 *
 * <p>For {@code https}, the agent speaks TLS with {@link #tls()}: by default the server's
 * certificate must chain to the system's trust roots and name the host of the URI, which is also
 * sent with SNI. The agent offers {@code http/1.1} with ALPN, the only protocol it speaks. A pool
 * shared by agents with different TLS options keeps their connections apart.
 *
 * <p>To give one request other timeouts, make another agent on the same pool: agents are cheap.
 */
public final class AgentOptions {
  /** The ALPN name of the one protocol an agent speaks. */
  private static final String HTTP_1_1 = "http/1.1";

  /**
   * Connecting within 30 seconds (Twisted's default), no response or exchange timeout, and
   * {@link HttpLimits#DEFAULT} for heads but no bound on the body size (bound what you read with
   * {@link Response#readBody}), and {@link TlsClientOptions#DEFAULT} offering {@code http/1.1}.
   */
  public static final AgentOptions DEFAULT = new AgentOptions(ReactorTcp.DEFAULT_CONNECT_TIMEOUT,
      null, null, HttpLimits.DEFAULT.withMaxBodySize(Long.MAX_VALUE),
      TlsClientOptions.DEFAULT.withAlpn(HTTP_1_1));

  private final Duration connectTimeout;
  private final @Nullable Duration responseTimeout;
  private final @Nullable Duration exchangeTimeout;
  private final HttpLimits limits;
  private final TlsClientOptions tls;

  private AgentOptions(Duration connectTimeout, @Nullable Duration responseTimeout,
      @Nullable Duration exchangeTimeout, HttpLimits limits, TlsClientOptions tls) {
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
    this.exchangeTimeout = exchangeTimeout;
    this.limits = limits;
    this.tls = tls;
  }

  /**
   * Returns these options with another connect timeout.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public AgentOptions withConnectTimeout(Duration timeout) {
    return new AgentOptions(positive("connect", timeout), responseTimeout, exchangeTimeout, limits,
        tls);
  }

  /**
   * Returns these options with a response timeout.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public AgentOptions withResponseTimeout(Duration timeout) {
    return new AgentOptions(connectTimeout, positive("response", timeout), exchangeTimeout, limits,
        tls);
  }

  /**
   * Returns these options with an exchange timeout.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public AgentOptions withExchangeTimeout(Duration timeout) {
    return new AgentOptions(connectTimeout, responseTimeout, positive("exchange", timeout), limits,
        tls);
  }

  /** Returns these options without a response timeout. */
  public AgentOptions withoutResponseTimeout() {
    return new AgentOptions(connectTimeout, null, exchangeTimeout, limits, tls);
  }

  /** Returns these options without an exchange timeout. */
  public AgentOptions withoutExchangeTimeout() {
    return new AgentOptions(connectTimeout, responseTimeout, null, limits, tls);
  }

  /**
   * Returns these options with other limits on responses: a response that passes one fails with
   * {@link ResponseFailed} caused by the parser's {@code HttpParseException}.
   */
  public AgentOptions withLimits(HttpLimits limits) {
    return new AgentOptions(connectTimeout, responseTimeout, exchangeTimeout,
        Objects.requireNonNull(limits, "limits"), tls);
  }

  /**
   * Returns these options speaking TLS with {@code tls} to {@code https} servers. Whatever ALPN
   * protocols {@code tls} offers, the agent offers {@code http/1.1} only.
   */
  public AgentOptions withTls(TlsClientOptions tls) {
    return new AgentOptions(connectTimeout, responseTimeout, exchangeTimeout, limits,
        Objects.requireNonNull(tls, "tls").withAlpn(HTTP_1_1));
  }

  /**
   * Returns these options trusting {@code https} servers whose certificates chain to {@code
   * roots}, instead of the roots trusted so far (the system's by default).
   */
  public AgentOptions withTrustRoots(TrustRoots roots) {
    return withTls(tls.withTrustRoots(roots));
  }

  /**
   * Returns these options accepting a trusted certificate of an {@code https} server even if it
   * does not name the host of the URI. Insecure: anyone holding any certificate from a trusted
   * authority can then pose as the server. The certificate must still chain to the trust roots.
   */
  public AgentOptions insecureSkipHostnameVerification() {
    return withTls(tls.insecureSkipHostnameVerification());
  }

  /**
   * Returns these options accepting any certificate from any {@code https} server, unchecked,
   * like {@code curl --insecure} ({@link TlsClientOptions#insecureTrustAnyCertificate}).
   * INSECURE: TLS then authenticates no one, so anyone on the path can pose as the server. For
   * test and development servers only; prefer {@link #withTrustRoots} with their certificate.
   */
  public AgentOptions insecureTrustAnyCertificate() {
    return withTls(tls.insecureTrustAnyCertificate());
  }

  /** Returns how long making a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns how long the head of the response may take once the request is sent, if bounded. */
  public Optional<Duration> responseTimeout() {
    return Optional.ofNullable(responseTimeout);
  }

  /** Returns how long a whole exchange may take, if bounded. */
  public Optional<Duration> exchangeTimeout() {
    return Optional.ofNullable(exchangeTimeout);
  }

  /** Returns the limits responses are held to. */
  public HttpLimits limits() {
    return limits;
  }

  /** Returns how the agent speaks TLS to {@code https} servers. */
  public TlsClientOptions tls() {
    return tls;
  }

  private static Duration positive(String name, Duration timeout) {
    Objects.requireNonNull(timeout, name + " timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be positive: " + timeout);
    }
    return timeout;
  }

  @Override
  public String toString() {
    return "AgentOptions[connect " + connectTimeout + ", response "
        + (responseTimeout == null ? "unbounded" : responseTimeout) + ", exchange "
        + (exchangeTimeout == null ? "unbounded" : exchangeTimeout) + ", " + limits + ", " + tls
        + "]";
  }
}
