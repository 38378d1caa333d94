package dev.twine.web.client;

import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.internet.tls.TlsClientEndpoint;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.MemoryPort;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.Pump;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory network for agents: a {@link MemoryReactor} on the test's clock, a pool, and a
 * server that the test scripts, one {@link FakeServer} per connection. Connections to port 443
 * speak TLS, with the certificate of {@link TestCertificates#SERVER} (for {@code localhost} and
 * {@code example.com}) and a server that would rather speak h2, as many do; connections to any
 * other port are plain. Connections are made when the test says so, and bytes move when it pumps.
 */
final class MemoryNet {
  final MemoryReactor reactor;
  final ConnectionPool pool;
  private final Loopback.Options loopback;
  private final MemoryPort plain;
  private final MemoryPort tls;
  private final List<FakeServer> servers = new ArrayList<>();
  private final List<Pump> pumps = new ArrayList<>();

  MemoryNet(Clock clock) {
    this(clock, PoolOptions.DEFAULT, Loopback.Options.DEFAULT);
  }

  MemoryNet(Clock clock, PoolOptions options) {
    this(clock, options, Loopback.Options.DEFAULT);
  }

  MemoryNet(Clock clock, PoolOptions options, Loopback.Options loopback) {
    this.reactor = new MemoryReactor(clock);
    this.pool = new ConnectionPool(clock, options);
    this.loopback = loopback;
    Factory serve = address -> {
      FakeServer server = new FakeServer();
      servers.add(server);
      return server;
    };
    this.plain = reactor.listenTcp(80, serve);
    reactor.listenTls(443, serve, TestCertificates.SERVER.withAlpn("h2", "http/1.1"));
    this.tls = reactor.tcpServers().get(1).listeningPort();
  }

  /** Returns an agent of this network with default options, trusting the test CA. */
  Agent agent() {
    return agent(AgentOptions.DEFAULT.withTrustRoots(TestCertificates.ROOTS));
  }

  /**
   * Returns an agent of this network that connects with in-memory TCP endpoints, with TLS over
   * them for https as {@link EndpointFactory#standard} does.
   */
  Agent agent(AgentOptions options) {
    return Agent.usingEndpointFactory(reactor, (origin, connectTimeout) -> {
      StreamClientEndpoint tcp = new TcpClientEndpoint(reactor, origin.host(), origin.port(),
          connectTimeout, null);
      return origin.secure()
          ? new TlsClientEndpoint(reactor, tcp, origin.host(), options.tls()) : tcp;
    }, pool, options);
  }

  /** Returns how many connection attempts were made, counting those connected or failed. */
  int attempts() {
    return reactor.tcpClients().size();
  }

  /** Returns the destination of connection attempt {@code index}, as {@code host:port}. */
  String destination(int index) {
    MemoryReactor.TcpClient client = reactor.tcpClients().get(index);
    return client.host() + ":" + client.port();
  }

  /**
   * Connects every attempt still connecting to a new server connection, TLS for port 443, then
   * pumps.
   */
  void accept() {
    for (MemoryReactor.TcpClient client : reactor.tcpClients()) {
      if (client.connector().state() == Connector.State.CONNECTING) {
        pumps.add(Loopback.connect(client.port() == 443 ? tls : plain, client.connector(),
            loopback));
      }
    }
    flush();
  }

  /** Returns server connection {@code index}, in the order they were made. */
  FakeServer server(int index) {
    return servers.get(index);
  }

  /** Returns how many server connections were made. */
  int connections() {
    return servers.size();
  }

  /** Returns whether connection {@code index} has ended. */
  boolean closed(int index) {
    return pumps.get(index).closed();
  }

  /** Moves bytes over every connection until none moves. */
  void flush() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Pump pump : List.copyOf(pumps)) {
        moved |= pump.flush();
      }
    }
  }
}
