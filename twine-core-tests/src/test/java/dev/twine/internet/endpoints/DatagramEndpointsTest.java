package dev.twine.internet.endpoints;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.internet.CannotListen;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ReactorUdp;
import dev.twine.internet.nio.NioReactor;
import dev.twine.testing.TwineTest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

@TwineTest
class DatagramEndpointsTest {
  private final NioReactor reactor = new NioReactor();

  @Test
  void parsesUdpWithTwistedsDefaults() {
    assertThat(Endpoints.datagram(reactor, "udp:9999"))
        .isEqualTo(new UdpServerEndpoint(reactor, 9999, "", ReactorUdp.DEFAULT_MAX_PACKET_SIZE));
    assertThat(Endpoints.datagram(reactor, "udp6:9999"))
        .isEqualTo(new UdpServerEndpoint(reactor, 9999, "::", 8192));
    assertThat(Endpoints.datagram(reactor, "udp:port=53:interface=127.0.0.1:maxPacketSize=512"))
        .isEqualTo(new UdpServerEndpoint(reactor, 53, "127.0.0.1", 512));
    assertThat(Endpoints.datagram(reactor, "udp6:0:interface=\\:\\:1"))
        .isEqualTo(new UdpServerEndpoint(reactor, 0, "::1", 8192));
  }

  @Test
  void namesTheOffendingPart() {
    assertThatThrownBy(() -> Endpoints.datagram(reactor, "udp:99999"))
        .isInstanceOf(EndpointSyntaxException.class)
        .hasMessage("invalid endpoint \"udp:99999\": port must be a number from 0 to 65535, not \"99999\"");
    assertThatThrownBy(() -> Endpoints.datagram(reactor, "udp:53:maxPacketSize=0"))
        .hasMessageEndingWith("maxPacketSize must be a number from 1 to 65535, not \"0\"");
    assertThatThrownBy(() -> Endpoints.datagram(reactor, "udp:53:backlog=5"))
        .hasMessageEndingWith("unknown parameter \"backlog\" for udp (known: interface, maxPacketSize, port)");
    assertThatThrownBy(() -> Endpoints.datagram(reactor, "udp"))
        .hasMessageEndingWith("missing port");
    assertThatThrownBy(() -> Endpoints.datagram(reactor, "sctp:53"))
        .hasMessage("invalid endpoint \"sctp:53\": unknown endpoint type \"sctp\" (datagram types: udp, udp6)");
  }

  @Test
  void streamAndDatagramTypesDoNotMix() {
    assertThatThrownBy(() -> Endpoints.server(reactor, "udp:9999"))
        .isInstanceOf(EndpointSyntaxException.class)
        .hasMessage("invalid endpoint \"udp:9999\": udp is a datagram endpoint type (UDP has no connections),"
            + " not a stream server one: listen on it with Endpoints.datagram (stream server types: memory, ssl, tcp, tcp6, tls, unix)");
    assertThatThrownBy(() -> Endpoints.client(reactor, "udp6:host=::1:port=53"))
        .hasMessageContaining("udp6 is a datagram endpoint type (UDP has no connections), not a stream client one");
    assertThatThrownBy(() -> Endpoints.datagram(reactor, "tcp:8080"))
        .hasMessage("invalid endpoint \"tcp:8080\": tcp is a stream endpoint type, not a datagram one:"
            + " use Endpoints.server or Endpoints.client (datagram types: udp, udp6)");
    assertThatThrownBy(() -> Endpoints.server(reactor, "sctp:53"))
        .hasMessageEndingWith("unknown endpoint type \"sctp\" (stream server types: memory, ssl, tcp, tcp6, tls, unix)");
  }

  @Test
  void listensAndFiresWithTheTransport() {
    DatagramProtocol protocol = new DatagramProtocol() {};

    DatagramTransport transport = successResultOf(
        Endpoints.datagram(reactor, "udp:0:interface=127.0.0.1").listen(protocol));

    assertThat(transport.host()).isInstanceOfSatisfying(IPv4Address.class, host -> {
      assertThat(host.host()).isEqualTo("127.0.0.1");
      assertThat(host.port()).isPositive();
    });
    assertThat(protocol.transport()).isSameAs(transport);
    int taken = ((IPv4Address) transport.host()).port();
    failureResultOf(new UdpServerEndpoint(reactor, taken, "127.0.0.1", 8192).listen(new DatagramProtocol() {}),
        CannotListen.class);
    transport.loseConnection();
  }

  @Property(tries = 100)
  void everyPortParses(@ForAll @IntRange(max = 65535) int port) {
    assertThat(Endpoints.datagram(reactor, "udp:" + port)).extracting("port").isEqualTo(port);
  }
}
