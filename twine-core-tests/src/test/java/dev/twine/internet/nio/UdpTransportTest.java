package dev.twine.internet.nio;

import static dev.twine.internet.nio.UdpFixtures.closedPort;
import static dev.twine.internet.nio.UdpFixtures.ipv6LoopbackAvailable;
import static dev.twine.internet.nio.UdpFixtures.runUntilStopped;
import static dev.twine.internet.nio.UdpFixtures.sendFromJdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.CannotListen;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.LoopingCall;
import dev.twine.internet.nio.UdpFixtures.Echo;
import dev.twine.internet.nio.UdpFixtures.Recorder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class UdpTransportTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void echoesDatagramsToTheirSender(String loopback) {
    assumeTrue(!loopback.equals("::1") || ipv6LoopbackAvailable(), "::1 is not available on this machine");
    NioReactor reactor = new NioReactor();
    DatagramTransport server = reactor.listenUdp(0, new Echo(), loopback, 8192);
    Recorder client = new Recorder(data -> {
      if (data.utf8().equals("two")) {
        reactor.stop();
      }
    });
    DatagramTransport port = reactor.listenUdp(0, client, loopback, 8192);
    port.write(Bytes.utf8("one"), server.host());
    port.write(Bytes.utf8("two"), server.host());

    runUntilStopped(reactor);

    assertThat(client.events).containsExactly("start", "one", "two", "stop");
    assertThat(client.senders).containsOnly(server.host());
    assertThat(server.host()).isInstanceOf(loopback.equals("::1") ? IPv6Address.class : IPv4Address.class);
    assertThat(server.host().toString()).startsWith("UDP:").doesNotEndWith(":0");
  }

  @Test
  void anIPv6PortOnAllInterfacesAlsoHearsIPv4() {
    assumeTrue(ipv6LoopbackAvailable(), "IPv6 is not available on this machine");
    NioReactor reactor = new NioReactor();
    DatagramTransport server = reactor.listenUdp(0, new Echo(), "::", 8192);
    int serverPort = ((IPv6Address) server.host()).port();
    Recorder client = new Recorder(data -> reactor.stop());
    reactor.listenUdp(0, client, "127.0.0.1", 8192).write(Bytes.utf8("mapped"), "127.0.0.1", serverPort);

    runUntilStopped(reactor);

    assertThat(client.events).containsExactly("start", "mapped", "stop");
    assertThat(client.senders).containsExactly(new IPv4Address(AddressType.UDP, "127.0.0.1", serverPort));
  }

  @Test
  void aConnectedPortWritesWithoutAnAddressAndHearsOnlyItsPeer() throws Exception {
    NioReactor reactor = new NioReactor();
    DatagramTransport server = reactor.listenUdp(0, new Echo(), "127.0.0.1", 8192);
    Recorder client = new Recorder(data -> reactor.stop());
    DatagramTransport port = reactor.listenUdp(0, client, "127.0.0.1", 8192);
    port.connect(server.host());
    assertThat(port.peer()).contains(server.host());
    assertThatIllegalStateException().isThrownBy(() -> port.connect(server.host()))
        .withMessageContaining("already connected");
    sendFromJdk("stranger", (InetSocketAddress) port.host().socketAddress());
    port.write(Bytes.utf8("from the peer"));

    runUntilStopped(reactor);

    assertThat(client.events).containsExactly("start", "from the peer", "stop");
    assertThat(client.senders).containsExactly(server.host());
  }

  @Test
  void aConnectedPortHearsConnectionRefusedFromAClosedPort() throws Exception {
    NioReactor reactor = new NioReactor();
    List<String> seen = new ArrayList<>();
    Recorder client = new Recorder() {
      @Override
      public void connectionRefused() {
        super.connectionRefused();
        if (seen.isEmpty()) {
          seen.add("still open, TTL " + transport().multicastTtl());
          reactor.stop();
        }
      }
    };
    DatagramTransport port = reactor.listenUdp(0, client, "127.0.0.1", 8192);
    port.connect("127.0.0.1", closedPort("127.0.0.1"));
    // The kernel rate-limits "port unreachable" answers, so ask until one comes.
    LoopingCall.of(reactor, call -> port.write(Bytes.utf8("anyone?"))).start(Duration.ofMillis(100), true);

    runUntilStopped(reactor);

    assertThat(client.events).startsWith("start", "refused").endsWith("stop").containsOnly("start", "refused", "stop");
    assertThat(seen).containsExactly("still open, TTL 1");
  }

  @Test
  void refusesDatagramsLongerThanUdpCarries() {
    NioReactor reactor = new NioReactor();
    Recorder server = new Recorder(data -> reactor.stop());
    DatagramTransport port = reactor.listenUdp(0, server, "127.0.0.1", 65535);
    DatagramTransport client = reactor.listenUdp(0, new Recorder(), "127.0.0.1", 8192);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> client.write(Bytes.wrap(new byte[65_508]), port.host()))
        .withMessage("datagram of 65508 bytes is longer than the 65507 bytes UDP carries to " + port.host());
    client.write(Bytes.wrap(new byte[65_507]), port.host());
    runUntilStopped(reactor);

    assertThat(server.events).hasSize(3);
    assertThat(server.events.get(1)).hasSize(65_507);
  }

  @Test
  void echoesTheExactBytesOfSlicedDatagramsSmallAndLarge() {
    NioReactor reactor = new NioReactor();
    DatagramTransport server = reactor.listenUdp(0, new Echo(), "127.0.0.1", 65535);
    byte[] random = new byte[60_000];
    new Random(7).nextBytes(random);
    Bytes whole = Bytes.wrap(random);
    // One fits the reactor's native write buffer, one is larger than it.
    Bytes small = whole.slice(3, 1_003);
    Bytes large = whole.slice(5, 50_005);
    List<Bytes> echoes = new ArrayList<>();
    Recorder client = new Recorder(data -> {
      echoes.add(data);
      if (echoes.size() == 2) {
        reactor.stop();
      }
    });
    DatagramTransport port = reactor.listenUdp(0, client, "127.0.0.1", 65535);
    port.write(small, server.host());
    port.write(large, server.host());

    runUntilStopped(reactor);

    assertThat(echoes).containsExactly(small, large);
  }

  @Test
  void truncatesDatagramsToTheMaximumPacketSize() {
    NioReactor reactor = new NioReactor();
    Recorder server = new Recorder(data -> reactor.stop());
    DatagramTransport port = reactor.listenUdp(0, server, "127.0.0.1", 5);
    reactor.listenUdp(0, new Recorder(), "127.0.0.1", 8192).write(Bytes.utf8("truncated"), port.host());

    runUntilStopped(reactor);

    assertThat(server.events).containsExactly("start", "trunc", "stop");
    assertThat(port.maxPacketSize()).isEqualTo(5);
  }

  @Test
  void aMaximumPacketSizeLargerThanTheReadBufferGetsItsOwnBuffer() {
    NioReactor.Options defaults = NioReactor.Options.DEFAULT;
    NioReactor reactor = new NioReactor(new NioReactor.Options(defaults.slowCallThreshold(), 1024,
        defaults.readsPerTurn(), defaults.shutdownGrace(), defaults.threadPool()));
    Recorder server = new Recorder(data -> reactor.stop());
    DatagramTransport port = reactor.listenUdp(0, server, "127.0.0.1", 4000);
    reactor.listenUdp(0, new Recorder(), "127.0.0.1", 8192).write(Bytes.wrap(new byte[3000]), port.host());

    runUntilStopped(reactor);

    assertThat(server.events.get(1)).hasSize(3000);
  }

  @Test
  void deliversEmptyDatagrams() {
    NioReactor reactor = new NioReactor();
    Recorder server = new Recorder(data -> reactor.stop());
    DatagramTransport port = reactor.listenUdp(0, server, "127.0.0.1", 8192);
    reactor.listenUdp(0, new Recorder(), "127.0.0.1", 8192).write(Bytes.EMPTY, port.host());

    runUntilStopped(reactor);

    assertThat(server.events).containsExactly("start", "", "stop");
  }

  @Test
  void aProtocolThatThrowsIsLoggedAndThePortGoesOn() {
    NioReactor reactor = new NioReactor();
    Recorder server = new Recorder(data -> {
      if (data.utf8().equals("bad")) {
        throw new IllegalStateException("thrown on purpose by the test");
      }
      reactor.stop();
    });
    DatagramTransport port = reactor.listenUdp(0, server, "127.0.0.1", 8192);
    DatagramTransport client = reactor.listenUdp(0, new Recorder(), "127.0.0.1", 8192);
    client.write(Bytes.utf8("bad"), port.host());
    client.write(Bytes.utf8("good"), port.host());

    runUntilStopped(reactor);

    assertThat(server.events).containsExactly("start", "bad", "good", "stop");
  }

  @Test
  void losingTheConnectionClosesThePortAndStopsTheProtocolAfterTheCallback() {
    NioReactor reactor = new NioReactor();
    List<String> order = new ArrayList<>();
    Recorder server = new Recorder() {
      @Override
      public void datagramReceived(Bytes data, Address from) {
        super.datagramReceived(data, from);
        transport().loseConnection().onSuccess(done -> {
          order.add("closed");
          reactor.stop();
        });
        transport().write(Bytes.utf8("ignored"), from);
        order.add("callback returned");
      }

      @Override
      public void stopProtocol() {
        super.stopProtocol();
        order.add("stopProtocol");
      }
    };
    DatagramTransport port = reactor.listenUdp(0, server, "127.0.0.1", 8192);
    Recorder client = new Recorder();
    DatagramTransport clientPort = reactor.listenUdp(0, client, "127.0.0.1", 8192);
    clientPort.write(Bytes.utf8("close"), port.host());
    clientPort.write(Bytes.utf8("unheard"), port.host());

    runUntilStopped(reactor);

    assertThat(order).containsExactly("callback returned", "stopProtocol", "closed");
    assertThat(server.events).containsExactly("start", "close", "stop");
    assertThat(client.events).containsExactly("start", "stop");
    assertThatIllegalStateException().isThrownBy(port::multicastTtl).withMessageContaining("is closed");
    DatagramTransport again = new NioReactor().listenUdp(((IPv4Address) port.host()).port(), new Recorder(),
        "127.0.0.1", 8192);
    assertThat(again.host()).isEqualTo(port.host());
    again.loseConnection();
  }

  @Test
  void stoppingTheReactorClosesItsPortsWithoutWaitingForTheGracePeriod() {
    NioReactor reactor = new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofMinutes(5)));
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    reactor.listenUdp(0, first, "127.0.0.1", 8192);
    DatagramTransport closedEarly = reactor.listenUdp(0, second, "127.0.0.1", 8192);
    closedEarly.loseConnection();
    reactor.callWhenRunning(reactor::stop);

    runUntilStopped(reactor);

    assertThat(first.events).containsExactly("start", "stop");
    assertThat(second.events).containsExactly("start", "stop");
  }

  @Test
  void refusesAddressesItCannotUse() {
    NioReactor reactor = new NioReactor();
    DatagramTransport port = reactor.listenUdp(0, new Recorder(), "127.0.0.1", 8192);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> port.write(Bytes.utf8("x"), new IPv4Address(AddressType.UDP, "localhost", 9)))
        .withMessageContaining("must be resolved first");
    assertThatIllegalArgumentException().isThrownBy(() -> port.write(Bytes.utf8("x"), "example.com", 53))
        .withMessageContaining("not an IP address: \"example.com\"");
    assertThatIllegalArgumentException().isThrownBy(() -> port.write(Bytes.utf8("x"), "::1", 53))
        .withMessageContaining("cannot reach");
    assertThatIllegalArgumentException().isThrownBy(() -> port.write(Bytes.utf8("x"), "127.0.0.1", 0))
        .withMessageContaining("port 0");
    assertThatIllegalStateException().isThrownBy(() -> port.write(Bytes.utf8("x")))
        .withMessageContaining("is not connected");
    port.loseConnection();
  }

  @Test
  void refusesBadListenArguments() {
    NioReactor reactor = new NioReactor();
    Recorder attached = new Recorder();
    DatagramTransport port = reactor.listenUdp(0, attached, "127.0.0.1", 8192);

    assertThatIllegalArgumentException().isThrownBy(() -> reactor.listenUdp(70_000, new Recorder(), "", 8192))
        .withMessage("port must be 0 to 65535: 70000");
    assertThatIllegalArgumentException().isThrownBy(() -> reactor.listenUdp(0, new Recorder(), "", 0))
        .withMessage("maxPacketSize must be 1 to 65535: 0");
    assertThatIllegalStateException().isThrownBy(() -> reactor.listenUdp(0, attached, "", 8192))
        .withMessageContaining("is already attached to UdpPort[");
    int taken = ((IPv4Address) port.host()).port();
    assertThatThrownBy(() -> reactor.listenUdp(taken, new Recorder(), "127.0.0.1", 8192))
        .isInstanceOf(CannotListen.class)
        .hasMessageStartingWith("cannot listen on udp:127.0.0.1:" + taken);
    port.loseConnection();
  }

  @Test
  void setsTheSocketOptions() throws Exception {
    NioReactor reactor = new NioReactor();
    DatagramTransport port = reactor.listenMulticast(0, new Recorder());

    port.setBroadcastAllowed(true);
    port.setMulticastTtl(7);
    port.setMulticastLoopback(false);
    port.setOutgoingInterface("127.0.0.1");

    assertThat(port.broadcastAllowed()).isTrue();
    assertThat(port.multicastTtl()).isEqualTo(7);
    assertThat(port.multicastLoopback()).isFalse();
    assertThat(port.outgoingInterface())
        .contains(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()).getName());
    assertThatIllegalArgumentException().isThrownBy(() -> port.setMulticastTtl(-1))
        .withMessage("multicast TTL must be 0 to 255: -1");
    assertThatIllegalArgumentException().isThrownBy(() -> port.setOutgoingInterface("no-such-interface"))
        .withMessageStartingWith("no network interface is named or has the address \"no-such-interface\" (there are: ")
        .withMessageContaining(port.outgoingInterface().orElseThrow());
    port.loseConnection();
  }
}
