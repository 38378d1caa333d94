package dev.twine.protocols;

import dev.twine.internet.Address;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IpAddresses;
import dev.twine.internet.UnixAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A block of IP addresses in CIDR notation, such as {@code 10.0.0.0/8} or {@code fd00::/8}, to
 * say which peers are trusted.
 *
 * <pre>{@code
 * IpNetwork proxies = IpNetwork.parse("10.1.0.0/16");
 * proxies.contains(transport.peer());   // true for 10.1.2.3
 * }</pre>
 *
 * <p>An IPv4 address written as IPv6 ({@code ::ffff:10.1.2.3}) is the IPv4 address. Parsing never
 * asks a resolver: only address literals are accepted.
 */
public final class IpNetwork {
  /** The loopback networks, {@code 127.0.0.0/8} and {@code ::1/128}. */
  public static final List<IpNetwork> LOOPBACK = List.of(parse("127.0.0.0/8"), parse("::1/128"));

  private final byte[] network;
  private final int prefixLength;

  private IpNetwork(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Returns the network written {@code address/prefix}, or the single address written without a
   * prefix.
   *
   * @throws IllegalArgumentException if the address is not an IP literal, the prefix is not a
   *     number from 0 to 32 (IPv4) or 128 (IPv6), or the address has bits set past the prefix
   */
  public static IpNetwork parse(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    int slash = cidr.indexOf('/');
    String ip = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] bytes = literal(ip);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP network such as 10.0.0.0/8: \"" + cidr + "\"");
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = cidr.substring(slash + 1);
      if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > bits) {
        throw new IllegalArgumentException("the prefix length of \"" + cidr + "\" must be a number from 0 to " + bits);
      }
      prefix = Integer.parseInt(digits);
    }
    if (!Arrays.equals(masked(bytes, prefix), bytes)) {
      throw new IllegalArgumentException("\"" + cidr + "\" has address bits set past its prefix length");
    }
    return new IpNetwork(bytes, prefix);
  }

  /** Returns whether {@code address} is an IP address in this network; a UNIX address is in none. */
  public boolean contains(Address address) {
    byte[] bytes = switch (Objects.requireNonNull(address, "address")) {
      case IPv4Address v4 -> literal(v4.host());
      case IPv6Address v6 -> literal(v6.host());
      case UnixAddress unix -> null;
    };
    return bytes != null && bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
  }

  /** Returns the length of the prefix in bits. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Returns the bytes of the IP literal {@code ip} (4 for an IPv4 one, mapped or not), or null if it is not one. */
  static byte @Nullable [] literal(String ip) {
    if (!IpAddresses.isIPv4(ip) && !(IpAddresses.isIPv6(ip) && ip.indexOf('%') < 0)) {
      return null;
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Returns a copy of {@code bytes} with the bits past the first {@code prefix} cleared. */
  static byte[] masked(byte[] bytes, int prefix) {
    byte[] result = bytes.clone();
    for (int i = 0; i < result.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - 8 * i));
      result[i] &= (byte) (0xff00 >>> keep);
    }
    return result;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IpNetwork that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new AssertionError("a 4- or 16-byte address", e);
    }
  }
}
