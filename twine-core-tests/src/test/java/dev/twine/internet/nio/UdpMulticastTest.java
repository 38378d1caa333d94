package dev.twine.internet.nio;

import static dev.twine.internet.nio.UdpFixtures.runUntilStopped;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.nio.UdpFixtures.Recorder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Multicast on the loopback interface, where the kernel lets it loop back to this host. */
@Timeout(20)
class UdpMulticastTest {
  private static final String GROUP = "228.0.0.5";
  private static final String OTHER_GROUP = "228.0.0.6";

  @Test
  void everyMemberOnTheSharedPortHearsTheGroupUntilItLeaves() throws Exception {
    String loopback = loopbackName();
    assumeTrue(kernelLoopsMulticastBack(StandardProtocolFamily.INET, GROUP, loopback),
        "this kernel does not deliver IPv4 multicast over " + loopback);
    NioReactor reactor = new NioReactor();
    int[] awaited = {2};
    Recorder first = new Recorder(data -> {
      if (data.utf8().equals("marker") && --awaited[0] == 0) {
        reactor.stop();
      }
    });
    Recorder second = new Recorder(data -> {
      if (data.utf8().equals("after leaving") && --awaited[0] == 0) {
        reactor.stop();
      }
    });
    DatagramTransport firstPort = reactor.listenMulticast(0, first, "", 8192, true);
    int port = ((IPv4Address) firstPort.host()).port();
    DatagramTransport secondPort = reactor.listenMulticast(port, second, "", 8192, true);
    successResultOf(firstPort.joinGroup(GROUP, loopback));
    successResultOf(firstPort.joinGroup(OTHER_GROUP, loopback));
    successResultOf(secondPort.joinGroup(GROUP, "127.0.0.1"));
    DatagramTransport sender = reactor.listenUdp(0, new Recorder());
    sender.setOutgoingInterface(loopback);
    sender.setMulticastTtl(1);
    sender.write(Bytes.utf8("to all"), GROUP, port);
    reactor.callLater(java.time.Duration.ofMillis(200), () -> {
      successResultOf(firstPort.leaveGroup(GROUP, loopback));
      sender.write(Bytes.utf8("after leaving"), GROUP, port);
      // Were the first port still a member, the group datagram would be queued before this one.
      sender.write(Bytes.utf8("marker"), OTHER_GROUP, port);
    });

    runUntilStopped(reactor);

    assertThat(second.events).containsSubsequence("start", "to all", "after leaving", "stop");
    assertThat(first.events).containsExactly("start", "to all", "marker", "stop");
  }

  @Test
  void anIPv6PortJoinsIPv6Groups() throws Exception {
    String loopback = loopbackName();
    String group = "ff12::7:5";
    assumeTrue(UdpFixtures.ipv6LoopbackAvailable(), "IPv6 is not available on this machine");
    assumeTrue(kernelLoopsMulticastBack(StandardProtocolFamily.INET6, group, loopback),
        "this kernel does not deliver IPv6 multicast over " + loopback + " (no multicast route on it)");
    NioReactor reactor = new NioReactor();
    Recorder member = new Recorder(data -> reactor.stop());
    DatagramTransport port = reactor.listenMulticast(0, member, "::", 8192, false);
    successResultOf(port.joinGroup(group, loopback));
    DatagramTransport sender = reactor.listenUdp(0, new Recorder(), "::", 8192);
    sender.setOutgoingInterface(loopback);
    sender.write(Bytes.utf8("six"), group, ((IPv6Address) port.host()).port());

    runUntilStopped(reactor);

    assertThat(member.events).containsExactly("start", "six", "stop");
  }

  @Test
  void refusesGroupsAndInterfacesItCannotUse() throws Exception {
    NioReactor reactor = new NioReactor();
    DatagramTransport port = reactor.listenMulticast(0, new Recorder());
    String loopback = loopbackName();

    assertThatIllegalArgumentException().isThrownBy(() -> port.joinGroup("127.0.0.1", loopback))
        .withMessage("not a multicast address (224.0.0.0/4 or ff00::/8): 127.0.0.1");
    assertThatIllegalArgumentException().isThrownBy(() -> port.joinGroup("all-systems.mcast.net", loopback))
        .withMessageContaining("a multicast group is an IP address such as 228.0.0.5");
    assertThatIllegalArgumentException().isThrownBy(() -> port.joinGroup("ff02::1", loopback))
        .withMessageContaining("an IPv4 port cannot join the IPv6 group ff02::1");
    assertThatIllegalArgumentException().isThrownBy(() -> port.joinGroup(GROUP, "no-such-interface"))
        .withMessageContaining("no network interface is named or has the address \"no-such-interface\"");
    assertThatIllegalArgumentException().isThrownBy(() -> port.leaveGroup(GROUP, loopback))
        .withMessageContaining("is not a member of 228.0.0.5 on " + loopback);
    port.loseConnection();
  }

  private static String loopbackName() throws IOException {
    return NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()).getName();
  }

  /** Asks the kernel with plain JDK sockets whether a datagram sent to the group comes back. */
  private static boolean kernelLoopsMulticastBack(StandardProtocolFamily family, String group, String iface) {
    NetworkInterface loopback;
    try (DatagramChannel member = DatagramChannel.open(family);
        DatagramChannel sender = DatagramChannel.open(family);
        Selector selector = Selector.open()) {
      loopback = NetworkInterface.getByName(iface);
      member.bind(new InetSocketAddress(0)).configureBlocking(false);
      MembershipKey key = member.join(InetAddress.getByName(group), loopback);
      member.register(selector, SelectionKey.OP_READ);
      sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopback);
      sender.send(ByteBuffer.wrap(new byte[] {1}),
          new InetSocketAddress(group, ((InetSocketAddress) member.getLocalAddress()).getPort()));
      boolean arrived = selector.select(2000) > 0;
      key.drop();
      return arrived;
    } catch (IOException e) {
      return false;
    }
  }
}
