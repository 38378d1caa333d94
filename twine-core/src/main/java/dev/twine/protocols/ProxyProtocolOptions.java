package dev.twine.protocols;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ProxyProtocolFactory} treats the PROXY protocol: whom it trusts to send the
 * header, what it does with connections from others, and the bounds on the header.
 *
 * <pre>{@code
 * ProxyProtocolOptions options = ProxyProtocolOptions.DEFAULT
 *     .withTrustedProxies(List.of(IpNetwork.parse("10.0.0.0/24")));
 * }</pre>
 *
 * @param trustedProxies the networks of the proxies whose header is believed
 * @param trustUnixSockets whether peers on UNIX sockets are trusted proxies: only those with
 *     access to the socket file can connect
 * @param untrusted what happens to a connection from any other peer
 * @param headerTimeout how long a trusted proxy has to send the whole header
 * @param maxV2Length the most bytes of a version 2 header after its fixed 16, addresses and
 *     type-length-value records together; at least 216 (two UNIX paths)
 */
public record ProxyProtocolOptions(
    List<IpNetwork> trustedProxies,
    boolean trustUnixSockets,
    Untrusted untrusted,
    Duration headerTimeout,
    int maxV2Length) {

  /** What happens to a connection from a peer that is not a trusted proxy. */
  public enum Untrusted {
    /** It is closed at once: the port only serves proxies. */
    REJECT,
    /** It is served without a header, with its own address as the peer's. */
    PASS_THROUGH
  }

  /**
   * Options that trust only a proxy on the same machine (the loopback networks and UNIX sockets),
   * reject connections from anyone else, and give the header 5 seconds and 2048 bytes.
   */
  public static final ProxyProtocolOptions DEFAULT =
      new ProxyProtocolOptions(IpNetwork.LOOPBACK, true, Untrusted.REJECT, Duration.ofSeconds(5), 2048);

  /**
   * Options that trust no proxy and serve every connection as it is, without a header: no PROXY
   * protocol at all, for a server that wants none.
   */
  public static final ProxyProtocolOptions NONE =
      new ProxyProtocolOptions(List.of(), false, Untrusted.PASS_THROUGH, Duration.ofSeconds(5), 2048);

  /**
   * Copies the list and validates the options.
   *
   * @throws IllegalArgumentException if the timeout is not positive, or {@code maxV2Length} is
   *     below 216 or above 65535
   */
  public ProxyProtocolOptions {
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(untrusted, "untrusted");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("headerTimeout must be positive: " + headerTimeout);
    }
    if (maxV2Length < 216 || maxV2Length > 65535) {
      throw new IllegalArgumentException("maxV2Length must be from 216 to 65535: " + maxV2Length);
    }
  }

  /** Returns whether these options trust no peer at all, so that no header is ever read. */
  public boolean trustsNoOne() {
    return trustedProxies.isEmpty() && !trustUnixSockets;
  }

  /** Returns these options trusting the proxies in {@code networks} (and UNIX sockets as before). */
  public ProxyProtocolOptions withTrustedProxies(List<IpNetwork> networks) {
    return new ProxyProtocolOptions(networks, trustUnixSockets, untrusted, headerTimeout, maxV2Length);
  }

  /** Returns these options trusting peers on UNIX sockets, or not. */
  public ProxyProtocolOptions withTrustUnixSockets(boolean trust) {
    return new ProxyProtocolOptions(trustedProxies, trust, untrusted, headerTimeout, maxV2Length);
  }

  /** Returns these options treating connections from untrusted peers as {@code policy} says. */
  public ProxyProtocolOptions withUntrusted(Untrusted policy) {
    return new ProxyProtocolOptions(trustedProxies, trustUnixSockets, policy, headerTimeout, maxV2Length);
  }

  /** Returns these options giving the header {@code timeout} to arrive. */
  public ProxyProtocolOptions withHeaderTimeout(Duration timeout) {
    return new ProxyProtocolOptions(trustedProxies, trustUnixSockets, untrusted, timeout, maxV2Length);
  }

  /** Returns these options allowing version 2 headers of up to {@code length} bytes after the fixed 16. */
  public ProxyProtocolOptions withMaxV2Length(int length) {
    return new ProxyProtocolOptions(trustedProxies, trustUnixSockets, untrusted, headerTimeout, length);
  }
}
