package dev.twine.internet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Recognises IP address literals without ever asking a resolver (Twisted's {@code isIPAddress}
 * and {@code isIPv6Address}). UDP transports take only such literals, because resolving a name
 * would block the reactor.
 *
 * <pre>{@code
 * IpAddresses.isIPv4("192.0.2.1");                          // true
 * IpAddresses.isIPv6("example.com");                        // false: a name, not an address
 * Address peer = IpAddresses.parse(AddressType.UDP, "::1", 53);   // an IPv6Address
 * }</pre>
 */
public final class IpAddresses {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

  private IpAddresses() {}

  /**
   * Returns whether {@code text} is an IPv4 address in dotted-quad form, such as
   * {@code 192.0.2.1}; octets with leading zeros are refused, as the JDK refuses them.
   */
  public static boolean isIPv4(String text) {
    return IPV4.matcher(Objects.requireNonNull(text, "text")).matches();
  }

  /**
   * Returns whether {@code text} is an IPv6 address in textual form, such as {@code ::1} or
   * {@code fe80::1%lo}, without brackets.
   */
  public static boolean isIPv6(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf(':') < 0 || !(Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':')) {
      return false;
    }
    try {
      // A string with a colon that starts with a hex digit or a colon is parsed, never resolved.
      InetAddress.getByName(text);
      return true;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns the address of {@code ip} and {@code port} for {@code type}: an {@link IPv4Address}
   * or an {@link IPv6Address}, with the address in its canonical text form. Brackets around an
   * IPv6 address are allowed.
   *
   * @throws IllegalArgumentException if {@code ip} is not an IP address literal (a host name is
   *     not: resolve it first) or the port is not 0 to 65535
   */
  public static Address parse(AddressType type, String ip, int port) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ip, "ip");
    Ports.check(port);
    String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    if (!isIPv4(bare) && !isIPv6(bare)) {
      throw new IllegalArgumentException("not an IP address: \"" + ip
          + "\" (a host name must be resolved first, for example with Threads.deferToThread)");
    }
    return Address.of(new InetSocketAddress(bare, port), type);
  }

  /**
   * Returns the JDK's socket address of {@code address}, which must hold an IP literal: unlike
   * {@link Address#socketAddress()}, this never resolves a name.
   *
   * @throws IllegalArgumentException if it is a UNIX address or holds a host name
   */
  public static InetSocketAddress socketAddress(Address address) {
    boolean literal = switch (Objects.requireNonNull(address, "address")) {
      case IPv4Address v4 -> isIPv4(v4.host());
      case IPv6Address v6 -> isIPv6(v6.host());
      case UnixAddress unix -> throw new IllegalArgumentException("not an IP address: " + unix);
    };
    if (!literal) {
      throw new IllegalArgumentException("not an IP address but a name, which must be resolved first: " + address);
    }
    return (InetSocketAddress) address.socketAddress();
  }

  /**
   * Returns the multicast group address {@code group}, such as {@code 228.0.0.5} or
   * {@code ff02::1}.
   *
   * @throws IllegalArgumentException if it is not an IP literal in 224.0.0.0/4 or ff00::/8
   */
  public static InetAddress multicastGroup(String group) {
    if (!isIPv4(group) && !isIPv6(group)) {
      throw new IllegalArgumentException("a multicast group is an IP address such as 228.0.0.5, not \"" + group + "\"");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(group);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + group, e);
    }
    if (!address.isMulticastAddress()) {
      throw new IllegalArgumentException("not a multicast address (224.0.0.0/4 or ff00::/8): " + group);
    }
    return address;
  }
}
