package dev.twine.internet.endpoints;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HostnameEndpointLoopbackTest {
  private final Factory silent = Factory.forProtocol(() -> new Protocol() { });

  private static boolean hasIpv6Loopback() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void fallsBackToIpv4WhenOnlyIpv4Listens() {
    assumeTrue(hasIpv6Loopback(), "this host has no ::1 loopback address");
    List<String> resolved = new ArrayList<>();

    Address peer = Loopback.value(reactor -> {
      ListeningPort port = reactor.listenTcp(0, silent, 50, "127.0.0.1");
      int number = ((IPv4Address) port.address()).port();
      HostnameEndpoint localhost = new HostnameEndpoint(reactor, reactor, reactor, "localhost", number,
          ofSeconds(5), null, host -> {
            resolved.add(host);
            return List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
          });
      return localhost.connect(silent).map(protocol -> protocol.transport().peer());
    });

    assertThat(resolved).containsExactly("localhost");
    assertThat(peer).isInstanceOfSatisfying(IPv4Address.class,
        address -> assertThat(address.host()).isEqualTo("127.0.0.1"));
  }

  @Test
  void aTcpClientStringConnectsThroughItWithTheSystemResolver() {
    String greeting = Loopback.value(reactor -> {
      ListeningPort port = reactor.listenTcp(0, Factory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          transport().write(Bytes.utf8("hi"));
        }
      }), 50, "127.0.0.1");
      StreamClientEndpoint client = Endpoints.client(reactor,
          "tcp:host=127.0.0.1:port=" + ((IPv4Address) port.address()).port() + ":timeout=5");
      assertThat(client).isInstanceOf(HostnameEndpoint.class);
      Deferred<String> received = new Deferred<>();
      return client.connect(address -> new Protocol() {
        @Override
        public void dataReceived(Bytes data) {
          received.callback(data.utf8());
        }
      }).flatMap(protocol -> received);
    });

    assertThat(greeting).isEqualTo("hi");
  }
}
