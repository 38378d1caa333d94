package dev.twine.internet.endpoints;

import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorTcp;
import dev.twine.internet.ReactorUdp;
import java.util.List;

/** The endpoint prefixes Twine itself understands, with Twisted's parameters and defaults. */
final class BuiltInParsers {
  private BuiltInParsers() {}

  static final List<ServerEndpointParser> SERVERS = List.of(
      server("tcp", (reactor, d) -> tcpServer(reactor, d, "")),
      server("tcp6", (reactor, d) -> tcpServer(reactor, d, "::")),
      server("unix", BuiltInParsers::unixServer));

  static final List<ClientEndpointParser> CLIENTS = List.of(
      client("tcp", BuiltInParsers::tcpClient),
      client("unix", BuiltInParsers::unixClient));

  static final List<DatagramEndpointParser> DATAGRAMS = List.of(
      datagram("udp", (reactor, d) -> udpServer(reactor, d, "")),
      datagram("udp6", (reactor, d) -> udpServer(reactor, d, "::")));

  /** tcp:PORT:interface=ADDRESS:backlog=N (tcp6 binds :: unless given an interface). */
  private static StreamServerEndpoint tcpServer(Reactor reactor, EndpointDescription d, String anyInterface) {
    d.requireOnly(1, "port", "interface", "backlog");
    return new TcpServerEndpoint(reactor, d.port("port", 0),
        d.integer("backlog", -1, ReactorTcp.DEFAULT_BACKLOG, 1, 65535),
        d.value("interface", -1).orElse(anyInterface));
  }

  /** udp:PORT:interface=ADDRESS:maxPacketSize=N (udp6 binds :: unless given an interface). */
  private static DatagramServerEndpoint udpServer(Reactor reactor, EndpointDescription d, String anyInterface) {
    d.requireOnly(1, "port", "interface", "maxPacketSize");
    return new UdpServerEndpoint(reactor, d.port("port", 0), d.value("interface", -1).orElse(anyInterface),
        d.integer("maxPacketSize", -1, ReactorUdp.DEFAULT_MAX_PACKET_SIZE, 1, 65535));
  }

  /** unix:PATH:mode=660:lockfile=0:backlog=N (mode is octal; a lock file is kept unless lockfile=0, as in Twisted). */
  private static StreamServerEndpoint unixServer(Reactor reactor, EndpointDescription d) {
    d.requireOnly(1, "address", "mode", "lockfile", "backlog");
    String mode = d.value("mode", -1).orElse("666");
    if (!mode.matches("0?[0-7]{1,3}")) {
      throw new EndpointSyntaxException(d.text(), "mode must be octal permission bits such as 660, not \"" + mode + "\"");
    }
    return new UnixServerEndpoint(reactor, d.path("address", 0),
        d.integer("backlog", -1, ReactorTcp.DEFAULT_BACKLOG, 1, 65535),
        Integer.parseInt(mode, 8), d.flag("lockfile", true));
  }

  /**
   * tcp:host=NAME:port=N:timeout=SECONDS:bindAddress=ADDRESS, or tcp:NAME:N; positional arguments
   * stand for the host and the port that are not given by name, as in Twisted.
   */
  private static StreamClientEndpoint tcpClient(Reactor reactor, EndpointDescription d) {
    int portPosition = d.parameters().containsKey("host") ? 0 : 1;
    d.requireOnly(portPosition + 1, "host", "port", "timeout", "bindAddress");
    String host = d.required("host", 0);
    if (host.isEmpty()) {
      throw new EndpointSyntaxException(d.text(), "host must not be empty");
    }
    int port = d.port("port", portPosition);
    if (port == 0) {
      throw new EndpointSyntaxException(d.text(), "port must be 1 to 65535 to connect to, not 0");
    }
    Address bind = d.value("bindAddress", -1).map(address -> address.contains(":")
        ? (Address) new IPv6Address(AddressType.TCP, address, 0)
        : new IPv4Address(AddressType.TCP, address, 0)).orElse(null);
    return new HostnameEndpoint(reactor, host, port, d.seconds("timeout", ReactorTcp.DEFAULT_CONNECT_TIMEOUT), bind);
  }

  /** unix:path=PATH:timeout=SECONDS, or unix:PATH. */
  private static StreamClientEndpoint unixClient(Reactor reactor, EndpointDescription d) {
    d.requireOnly(1, "path", "timeout");
    return new UnixClientEndpoint(reactor, d.path("path", 0),
        d.seconds("timeout", ReactorTcp.DEFAULT_CONNECT_TIMEOUT));
  }

  private interface ServerParse {
    StreamServerEndpoint parse(Reactor reactor, EndpointDescription description);
  }

  private interface ClientParse {
    StreamClientEndpoint parse(Reactor reactor, EndpointDescription description);
  }

  private interface DatagramParse {
    DatagramServerEndpoint parse(Reactor reactor, EndpointDescription description);
  }

  private static ServerEndpointParser server(String prefix, ServerParse parse) {
    return new ServerEndpointParser() {
      @Override
      public String prefix() {
        return prefix;
      }

      @Override
      public StreamServerEndpoint parse(Reactor reactor, EndpointDescription description) {
        return parse.parse(reactor, description);
      }
    };
  }

  private static ClientEndpointParser client(String prefix, ClientParse parse) {
    return new ClientEndpointParser() {
      @Override
      public String prefix() {
        return prefix;
      }

      @Override
      public StreamClientEndpoint parse(Reactor reactor, EndpointDescription description) {
        return parse.parse(reactor, description);
      }
    };
  }

  private static DatagramEndpointParser datagram(String prefix, DatagramParse parse) {
    return new DatagramEndpointParser() {
      @Override
      public String prefix() {
        return prefix;
      }

      @Override
      public DatagramServerEndpoint parse(Reactor reactor, EndpointDescription description) {
        return parse.parse(reactor, description);
      }
    };
  }
}
