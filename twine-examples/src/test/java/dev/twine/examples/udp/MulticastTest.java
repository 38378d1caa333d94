package dev.twine.examples.udp;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.nio.NioReactor;
import dev.twine.testing.FakeDatagramTransport;
import dev.twine.testing.FakeDatagramTransport.Membership;
import dev.twine.testing.FakeDatagramTransport.Written;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The multicast sender and receiver, in memory and on the loopback interface. */
@Timeout(30)
class MulticastTest {
  private static final String GROUP = "228.0.0.5";
  private static final Address SENDER = new IPv4Address(AddressType.UDP, "127.0.0.1", 40001);

  @Test
  void theReceiverJoinsTheGroupAndHandsOnEachMessage() {
    List<String> heard = new ArrayList<>();
    MulticastReceiver receiver = new MulticastReceiver(GROUP, "lo", (message, from) -> heard.add(message + " from " + from));
    FakeDatagramTransport port = FakeDatagramTransport.attach(receiver);

    successResultOf(receiver.joined());
    port.receive(Bytes.utf8("hello, group"), SENDER);

    assertThat(port.memberships()).containsExactly(new Membership(GROUP, "lo"));
    assertThat(heard).containsExactly("hello, group from " + SENDER);
  }

  @Test
  void theSenderWritesOnceToTheGroupThroughItsInterfaceAndStaysOnTheLocalNetwork() {
    FakeDatagramTransport port = FakeDatagramTransport.attach(new MulticastSender(GROUP, 8005, "lo", "hi"));

    assertThat(port.outgoingInterface()).contains("lo");
    assertThat(port.multicastTtl()).isEqualTo(1);
    assertThat(port.takeWritten()).containsExactly(
        new Written(Bytes.utf8("hi"), new IPv4Address(AddressType.UDP, GROUP, 8005)));
  }

  @Test
  void theReceiverHearsTheSenderOnTheLoopbackInterface() throws IOException {
    String loopback = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()).getName();
    assumeTrue(kernelLoopsMulticastBack(loopback), "this kernel does not deliver IPv4 multicast over " + loopback);
    String[] heard = new String[1];

    int exitCode = NioReactor.react(reactor -> {
      Deferred<String> message = new Deferred<>();
      MulticastReceiver receiver = new MulticastReceiver(GROUP, loopback, (text, from) -> message.callback(text));
      int port = ((IPv4Address) reactor.listenMulticast(0, receiver).host()).port();
      return receiver.joined()
          .flatMap(joined -> MulticastSender.send(reactor, GROUP, port, loopback, "Hello, group!"))
          .flatMap(sent -> message.addTimeout(Duration.ofSeconds(10), reactor))
          .onSuccess(text -> heard[0] = text);
    });

    assertThat(exitCode).isZero();
    assertThat(heard[0]).isEqualTo("Hello, group!");
  }

  /** Asks the kernel, with plain JDK sockets, whether a datagram sent to the group on {@code iface} comes back. */
  private static boolean kernelLoopsMulticastBack(String iface) {
    try (DatagramChannel member = DatagramChannel.open(StandardProtocolFamily.INET);
        DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET);
        Selector selector = Selector.open()) {
      NetworkInterface loopback = NetworkInterface.getByName(iface);
      member.bind(new InetSocketAddress(0)).configureBlocking(false);
      member.join(InetAddress.getByName(GROUP), loopback);
      member.register(selector, SelectionKey.OP_READ);
      sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopback);
      sender.send(ByteBuffer.wrap(new byte[] {1}),
          new InetSocketAddress(GROUP, ((InetSocketAddress) member.getLocalAddress()).getPort()));
      return selector.select(2000) > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
