package dev.twine.protocols;

/**
 * The limits a {@link LimitConnectionsFactory} holds a server's clients to: how many connections
 * are open at once, in all and from one client address, and how fast one client address may open
 * new ones (a token bucket: {@code newConnectionBurst} at once, then {@code
 * newConnectionsPerSecond}).
 *
 * <pre>{@code
 * ConnectionLimits limits = ConnectionLimits.DEFAULT
 *     .withMaxConnections(2_000)
 *     .withMaxConnectionsPerAddress(20);
 * }</pre>
 *
 * <p>IPv6 clients are counted by their network, the first {@code ipv6PrefixLength} bits of their
 * address, since one client usually holds a whole /64. UNIX socket clients have no address that
 * tells them apart, so only {@code maxConnections} applies to them. The rate of new connections
 * is remembered for at most {@code maxTrackedAddresses} addresses, the least recently seen
 * forgotten first, so a flood of distinct addresses cannot fill memory.
 *
 * @param maxConnections the most connections open at once, from all clients
 * @param maxConnectionsPerAddress the most connections open at once from one client address
 * @param newConnectionsPerSecond how many new connections one client address may open per second
 *     in the long run
 * @param newConnectionBurst how many new connections one client address may open at once, before
 *     the rate applies
 * @param ipv6PrefixLength the length of the prefix that identifies an IPv6 client, 1 to 128
 * @param maxTrackedAddresses the most client addresses whose rate is remembered
 */
public record ConnectionLimits(
    int maxConnections,
    int maxConnectionsPerAddress,
    double newConnectionsPerSecond,
    int newConnectionBurst,
    int ipv6PrefixLength,
    int maxTrackedAddresses) {

  /**
   * Limits that stop one client from taking a server over and leave room for many clients
   * behind one NAT: 10,000 connections, 256 per address, 20 new connections per second per
   * address after a burst of 100, IPv6 clients counted by /64, 100,000 addresses remembered.
   */
  public static final ConnectionLimits DEFAULT = new ConnectionLimits(10_000, 256, 20, 100, 64, 100_000);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a count is below 1, the rate is not a positive finite
   *     number, or the IPv6 prefix length is not from 1 to 128
   */
  public ConnectionLimits {
    atLeastOne("maxConnections", maxConnections);
    atLeastOne("maxConnectionsPerAddress", maxConnectionsPerAddress);
    atLeastOne("newConnectionBurst", newConnectionBurst);
    atLeastOne("maxTrackedAddresses", maxTrackedAddresses);
    if (!(newConnectionsPerSecond > 0) || Double.isInfinite(newConnectionsPerSecond)) {
      throw new IllegalArgumentException(
          "newConnectionsPerSecond must be a positive finite number: " + newConnectionsPerSecond);
    }
    if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
      throw new IllegalArgumentException("ipv6PrefixLength must be from 1 to 128: " + ipv6PrefixLength);
    }
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
  }

  /** Returns these limits with another total of connections open at once. */
  public ConnectionLimits withMaxConnections(int max) {
    return new ConnectionLimits(max, maxConnectionsPerAddress, newConnectionsPerSecond,
        newConnectionBurst, ipv6PrefixLength, maxTrackedAddresses);
  }

  /** Returns these limits with another most connections open at once per client address. */
  public ConnectionLimits withMaxConnectionsPerAddress(int max) {
    return new ConnectionLimits(maxConnections, max, newConnectionsPerSecond,
        newConnectionBurst, ipv6PrefixLength, maxTrackedAddresses);
  }

  /** Returns these limits with another rate and burst of new connections per client address. */
  public ConnectionLimits withNewConnectionRate(double perSecond, int burst) {
    return new ConnectionLimits(maxConnections, maxConnectionsPerAddress, perSecond, burst,
        ipv6PrefixLength, maxTrackedAddresses);
  }

  /** Returns these limits with another length of the prefix that identifies an IPv6 client. */
  public ConnectionLimits withIpv6PrefixLength(int bits) {
    return new ConnectionLimits(maxConnections, maxConnectionsPerAddress, newConnectionsPerSecond,
        newConnectionBurst, bits, maxTrackedAddresses);
  }

  /** Returns these limits with another most client addresses whose rate is remembered. */
  public ConnectionLimits withMaxTrackedAddresses(int max) {
    return new ConnectionLimits(maxConnections, maxConnectionsPerAddress, newConnectionsPerSecond,
        newConnectionBurst, ipv6PrefixLength, max);
  }
}
