package dev.twine.testing;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.testing.FakeDatagramTransport.Membership;
import dev.twine.testing.FakeDatagramTransport.Written;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@TwineTest
class FakeDatagramTransportTest {
  private static final Address PEER = new IPv4Address(AddressType.UDP, "192.0.2.7", 5353);
  private static final Address OTHER = new IPv4Address(AddressType.UDP, "192.0.2.8", 5353);

  /** Echoes every datagram and records the events it hears. */
  static final class Echo extends DatagramProtocol {
    final List<String> events = new ArrayList<>();

    @Override
    public void startProtocol() {
      events.add("start");
    }

    @Override
    public void datagramReceived(Bytes data, Address from) {
      events.add(data.utf8() + " from " + from);
      transport().write(data, from);
    }

    @Override
    public void connectionRefused() {
      events.add("refused");
    }

    @Override
    public void stopProtocol() {
      events.add("stop");
    }
  }

  @Test
  void attachingStartsTheProtocolAndRecordsWhatItWrites() {
    Echo echo = new Echo();
    FakeDatagramTransport transport = FakeDatagramTransport.attach(echo);

    transport.receive(Bytes.utf8("ping"), PEER);
    transport.receive(Bytes.utf8("pong"), OTHER);

    assertThat(echo.events).containsExactly("start", "ping from " + PEER, "pong from " + OTHER);
    assertThat(transport.takeWritten()).containsExactly(
        new Written(Bytes.utf8("ping"), PEER), new Written(Bytes.utf8("pong"), OTHER));
    assertThat(transport.written()).isEmpty();
    assertThat(transport.host()).isEqualTo(FakeDatagramTransport.DEFAULT_HOST);
    assertThat(echo.transport()).isSameAs(transport);
  }

  @Test
  void truncatesDatagramsLongerThanTheMaximumPacketSize() {
    Echo echo = new Echo();
    FakeDatagramTransport transport = FakeDatagramTransport.attach(
        echo, new IPv4Address(AddressType.UDP, "0.0.0.0", 9999), 4);

    transport.receive(Bytes.utf8("truncated"), PEER);

    assertThat(transport.takeWritten()).containsExactly(new Written(Bytes.utf8("trun"), PEER));
    assertThat(transport.maxPacketSize()).isEqualTo(4);
  }

  @Test
  void aConnectedTransportWritesToItsPeerAndHearsOnlyIt() {
    Echo echo = new Echo();
    FakeDatagramTransport transport = FakeDatagramTransport.attach(echo);

    transport.connect("192.0.2.7", 5353);
    transport.write(Bytes.utf8("hello"));
    transport.receive(Bytes.utf8("stranger"), OTHER);
    transport.refuse();

    assertThat(transport.peer()).contains(PEER);
    assertThat(transport.takeWritten()).containsExactly(new Written(Bytes.utf8("hello"), PEER));
    assertThat(echo.events).containsExactly("start", "refused");
    assertThatIllegalArgumentException().isThrownBy(() -> transport.write(Bytes.utf8("x"), OTHER))
        .withMessageContaining("is connected to " + PEER);
    assertThatIllegalStateException().isThrownBy(() -> transport.connect(OTHER))
        .withMessageContaining("already connected");
  }

  @Test
  void checksWritesAsAReactorDoes() {
    FakeDatagramTransport transport = FakeDatagramTransport.attach(new Echo());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> transport.write(Bytes.wrap(new byte[DatagramTransport.MAX_IPV4_DATAGRAM + 1]), PEER))
        .withMessage("datagram of 65508 bytes is longer than the 65507 bytes UDP carries to " + PEER);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> transport.write(Bytes.utf8("x"), new IPv4Address(AddressType.UDP, "localhost", 53)))
        .withMessageContaining("must be resolved first");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> transport.write(Bytes.utf8("x"), new IPv6Address(AddressType.UDP, "::1", 53)))
        .withMessageContaining("cannot reach");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> transport.write(Bytes.utf8("x"), new IPv4Address(AddressType.UDP, "192.0.2.7", 0)))
        .withMessageContaining("port 0");
    assertThatIllegalStateException().isThrownBy(() -> transport.write(Bytes.utf8("x")))
        .withMessageContaining("not connected");
    assertThatIllegalStateException().isThrownBy(transport::refuse)
        .withMessageContaining("connect it first");
    assertThat(transport.written()).isEmpty();
  }

  @Test
  void anIPv6PortReachesBothFamilies() {
    FakeDatagramTransport transport = FakeDatagramTransport.attach(
        new Echo(), new IPv6Address(AddressType.UDP, "::", 9999), 8192);
    Address v6 = new IPv6Address(AddressType.UDP, "2001:db8::1", 53);

    transport.write(Bytes.utf8("six"), v6);
    transport.write(Bytes.utf8("four"), PEER);

    assertThat(transport.takeWritten()).extracting(Written::to).containsExactly(v6, PEER);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> transport.write(Bytes.wrap(new byte[DatagramTransport.MAX_IPV6_DATAGRAM + 1]), v6))
        .withMessageContaining("65527 bytes");
  }

  @Test
  void recordsGroupsAndOptions() {
    FakeDatagramTransport transport = FakeDatagramTransport.attach(new Echo());

    successResultOf(transport.joinGroup("228.0.0.5", "lo"));
    successResultOf(transport.joinGroup("239.1.1.1", "eth0"));
    successResultOf(transport.leaveGroup("228.0.0.5", "lo"));
    transport.setMulticastTtl(4);
    transport.setMulticastLoopback(false);
    transport.setBroadcastAllowed(true);
    transport.setOutgoingInterface("eth0");

    assertThat(transport.memberships()).containsExactly(new Membership("239.1.1.1", "eth0"));
    assertThat(transport.multicastTtl()).isEqualTo(4);
    assertThat(transport.multicastLoopback()).isFalse();
    assertThat(transport.broadcastAllowed()).isTrue();
    assertThat(transport.outgoingInterface()).contains("eth0");
    assertThatIllegalArgumentException().isThrownBy(() -> transport.joinGroup("192.0.2.1", "lo"))
        .withMessageContaining("not a multicast address");
    assertThatIllegalArgumentException().isThrownBy(() -> transport.joinGroup("ff02::1", "lo"))
        .withMessageContaining("IPv4 port cannot join the IPv6 group");
    assertThatIllegalArgumentException().isThrownBy(() -> transport.leaveGroup("228.0.0.5", "lo"))
        .withMessageContaining("not a member of 228.0.0.5 on lo");
    assertThatIllegalArgumentException().isThrownBy(() -> transport.setMulticastTtl(256))
        .withMessage("multicast TTL must be 0 to 255: 256");
  }

  @Test
  void losingTheConnectionStopsTheProtocolOnceAndIgnoresLaterWrites() {
    Echo echo = new Echo();
    FakeDatagramTransport transport = FakeDatagramTransport.attach(echo);

    successResultOf(transport.loseConnection());
    successResultOf(transport.loseConnection());
    transport.write(Bytes.utf8("late"), PEER);

    assertThat(echo.events).containsExactly("start", "stop");
    assertThat(transport.closed()).isTrue();
    assertThat(transport.written()).isEmpty();
    assertThatIllegalStateException().isThrownBy(() -> transport.receive(Bytes.utf8("x"), PEER))
        .withMessageContaining("is closed");
    assertThatIllegalStateException().isThrownBy(() -> transport.setMulticastTtl(2))
        .withMessageContaining("is closed");
  }

  @Test
  void aProtocolAttachesOnce() {
    Echo echo = new Echo();
    FakeDatagramTransport.attach(echo);

    assertThatIllegalStateException().isThrownBy(() -> FakeDatagramTransport.attach(echo))
        .withMessageContaining("is already attached to FakeDatagramTransport[");
  }
}
