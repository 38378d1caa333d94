package dev.twine.internet.nio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.ListeningPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeAll;

/** The stream transport contract over TCP on ::1, skipped where the host has no IPv6 loopback. */
class TcpIPv6TransportTest extends StreamTransportContract {
  @BeforeAll
  static void requireIPv6Loopback() {
    boolean available;
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      available = true;
    } catch (IOException e) {
      available = false;
    }
    assumeTrue(available, "skipped: this host cannot bind the IPv6 loopback address ::1");
  }

  @Override
  ListeningPort listen(Factory factory) {
    return reactor.listenTcp(0, factory, BACKLOG, "::1");
  }

  @Override
  ListeningPort listenOn(Address address, Factory factory) {
    IPv6Address inet = (IPv6Address) address;
    return reactor.listenTcp(inet.port(), factory, BACKLOG, inet.host());
  }

  @Override
  Connector connect(Address address, ClientFactory factory) {
    IPv6Address inet = (IPv6Address) address;
    return reactor.connectTcp(inet.host(), inet.port(), factory, RunningReactor.PATIENCE, null);
  }

  @Override
  Class<? extends ConnectionClosed> peerReasonWhenAborted() {
    return ConnectionLost.class;
  }

  @Override
  Class<? extends ConnectError> refusedWhenNothingListens() {
    return ConnectionRefused.class;
  }
}
