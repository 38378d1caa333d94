package dev.twine.web;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.MemoryPort;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.Pump;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.client.ConnectionPool;
import dev.twine.web.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory network for a reverse proxy: a {@link MemoryReactor} on the test's clock with
 * servers listening on numbered ports (the front site, its upstreams), an agent that connects
 * to them, and clients. Connections to a port nobody listens on are refused; bytes move when the
 * test pumps.
 */
final class ProxyNet {
  final MemoryReactor reactor;
  final ConnectionPool pool;
  private final Loopback.Options loopback;
  private final Map<Integer, MemoryPort> ports = new HashMap<>();
  private final List<Pump> pumps = new ArrayList<>();
  private final Map<Integer, List<Pump>> pumpsByPort = new HashMap<>();

  ProxyNet(Clock clock) {
    this(clock, Loopback.Options.DEFAULT);
  }

  ProxyNet(Clock clock, Loopback.Options loopback) {
    this.reactor = new MemoryReactor(clock);
    this.pool = new ConnectionPool(clock);
    this.loopback = loopback;
  }

  /** Returns an agent that connects to this network's ports. */
  Agent agent(AgentOptions options) {
    return Agent.usingEndpointFactory(reactor, (origin, connectTimeout) ->
        new TcpClientEndpoint(reactor, origin.host(), origin.port(), connectTimeout, null), pool,
        options);
  }

  /** Listens on {@code port} with {@code factory}. */
  void listen(int port, Factory factory) {
    reactor.listenTcp(port, factory);
    ports.put(port, reactor.tcpServers().getLast().listeningPort());
  }

  /** Serves {@code root} on {@code port} with a site of default options. */
  void serve(int port, Resource root) {
    listen(port, new Site(root, reactor, Wire.calendar(reactor.clock()), SiteOptions.DEFAULT));
  }

  /** Connects a new client to {@code port} and returns it once connected. */
  Client connect(int port) {
    Client client = new Client();
    reactor.connectTcp("127.0.0.1", port, ClientFactory.forProtocol(() -> client));
    accept();
    return client;
  }

  /**
   * Connects every attempt still connecting: to its port's server if one listens there, else
   * refused; then pumps.
   */
  void accept() {
    for (MemoryReactor.TcpClient attempt : List.copyOf(reactor.tcpClients())) {
      if (attempt.connector().state() != Connector.State.CONNECTING) {
        continue;
      }
      MemoryPort port = ports.get(attempt.port());
      if (port == null) {
        attempt.connector().fail(new ConnectionRefused(
            "connection refused by 127.0.0.1:" + attempt.port(), null));
      } else {
        Pump pump = Loopback.connect(port, attempt.connector(), loopback);
        pumps.add(pump);
        pumpsByPort.computeIfAbsent(attempt.port(), p -> new ArrayList<>()).add(pump);
      }
    }
    flush();
  }

  /** Returns the connections made to {@code port}, in order. */
  List<Pump> connections(int port) {
    return pumpsByPort.getOrDefault(port, List.of());
  }

  /** Moves bytes over every connection, connecting new attempts, until nothing moves. */
  void flush() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Pump pump : List.copyOf(pumps)) {
        moved |= pump.flush();
      }
      if (reactor.tcpClients().stream()
          .anyMatch(a -> a.connector().state() == Connector.State.CONNECTING)) {
        accept();
        moved = true;
      }
    }
  }

  /** A client of the front site: it sends raw requests and keeps what comes back. */
  static final class Client extends Protocol {
    final Buffer received = new Buffer();
    private @Nullable Failure lost;

    @Override
    public void dataReceived(Bytes data) {
      received.write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      lost = reason;
    }

    /** Writes {@code text}, one byte per character. */
    void send(String text) {
      transport().write(Bytes.wrap(Wire.latin1(text)));
    }

    /** Returns the responses received so far, to requests with {@code methods} then GET. */
    List<Wire.Response> responses(HttpMethod... methods) {
      return Wire.parse(received.peek(received.size()), List.of(methods), lost != null);
    }

    /** Returns the only response received, failing if there are more or none. */
    Wire.Response response(HttpMethod... methods) {
      List<Wire.Response> got = responses(methods);
      if (got.size() != 1) {
        throw new AssertionError("expected one response, got " + got);
      }
      return got.get(0);
    }

    Optional<Failure> lost() {
      return Optional.ofNullable(lost);
    }
  }
}
