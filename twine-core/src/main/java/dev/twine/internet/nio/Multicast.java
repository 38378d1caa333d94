package dev.twine.internet.nio;

import dev.twine.defer.Deferred;
import dev.twine.internet.IpAddresses;
import dev.twine.internet.MulticastJoinError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The multicast side of one UDP port: the groups it joined and the interface it sends on, with
 * the strings of the API turned into the JDK's group addresses and interfaces.
 *
 * <p>Threading: confined to its port's reactor thread.
 */
final class Multicast {
  private final DatagramChannel channel;
  private final boolean ipv6;
  private final Map<String, MembershipKey> memberships = new HashMap<>();
  private @Nullable String outgoingInterface;

  Multicast(DatagramChannel channel, boolean ipv6) {
    this.channel = channel;
    this.ipv6 = ipv6;
  }

  Deferred<@Nullable Void> join(String group, String networkInterface) {
    InetAddress address = group(group);
    NetworkInterface found = networkInterface(networkInterface);
    try {
      memberships.put(membership(address, found), channel.join(address, found));
      return Deferred.succeed(null);
    } catch (IOException e) {
      return Deferred.fail(new MulticastJoinError(group, networkInterface, e));
    }
  }

  Deferred<@Nullable Void> leave(String group, String networkInterface, Object port) {
    NetworkInterface found = networkInterface(networkInterface);
    MembershipKey membership = memberships.remove(membership(group(group), found));
    if (membership == null) {
      throw new IllegalArgumentException(port + " is not a member of " + group + " on " + found.getName());
    }
    membership.drop();
    return Deferred.succeed(null);
  }

  Optional<String> outgoingInterface() {
    return Optional.ofNullable(outgoingInterface);
  }

  void setOutgoingInterface(String networkInterface) throws IOException {
    NetworkInterface found = networkInterface(networkInterface);
    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, found);
    outgoingInterface = found.getName();
  }

  /** Forgets the memberships, which closing the channel has dropped. */
  void closed() {
    memberships.clear();
  }

  private InetAddress group(String group) {
    InetAddress address = IpAddresses.multicastGroup(group);
    if (!ipv6 && address instanceof Inet6Address) {
      throw new IllegalArgumentException("an IPv4 port cannot join the IPv6 group " + group
          + "; listen on \"::\" instead");
    }
    return address;
  }

  private static String membership(InetAddress group, NetworkInterface networkInterface) {
    return group.getHostAddress() + "%" + networkInterface.getName();
  }

  /**
   * Returns the interface named {@code nameOrAddress}, or that has that address.
   *
   * @throws IllegalArgumentException if there is none, listing the interfaces there are
   */
  private static NetworkInterface networkInterface(String nameOrAddress) {
    try {
      @Nullable NetworkInterface found = NetworkInterface.getByName(nameOrAddress);
      if (found == null && (IpAddresses.isIPv4(nameOrAddress) || IpAddresses.isIPv6(nameOrAddress))) {
        found = NetworkInterface.getByInetAddress(InetAddress.getByName(nameOrAddress));
      }
      if (found == null) {
        throw new IllegalArgumentException("no network interface is named or has the address \""
            + nameOrAddress + "\" (there are: " + NetworkInterface.networkInterfaces()
                .map(NetworkInterface::getName).sorted().collect(Collectors.joining(", ")) + ")");
      }
      return found;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + nameOrAddress, e);
    } catch (SocketException e) {
      throw new UncheckedIOException("cannot list the network interfaces", e);
    }
  }
}
