package dev.twine.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Reactor;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  /** A reactor that parsing only stores: any call on it fails. */
  private static final Reactor REACTOR = (Reactor) Proxy.newProxyInstance(
      Reactor.class.getClassLoader(), new Class<?>[] {Reactor.class},
      (proxy, method, args) -> switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "reactor";
        default -> throw new UnsupportedOperationException("parsing must not call " + method.getName());
      });

  private static void assertInvalidServer(String text, String problem) {
    assertThatThrownBy(() -> Endpoints.server(REACTOR, text))
        .isInstanceOf(EndpointSyntaxException.class)
        .hasMessage("invalid endpoint \"" + text + "\": " + problem);
  }

  private static void assertInvalidClient(String text, String problem) {
    assertThatThrownBy(() -> Endpoints.client(REACTOR, text))
        .isInstanceOf(EndpointSyntaxException.class)
        .hasMessage("invalid endpoint \"" + text + "\": " + problem);
  }

  private static HostnameEndpoint hostname(String text) {
    return (HostnameEndpoint) Endpoints.client(REACTOR, text);
  }

  @Nested
  class Servers {
    @Test
    void tcpTakesThePortByPositionOrByName() {
      TcpServerEndpoint expected = new TcpServerEndpoint(REACTOR, 8080, 50, "");

      assertThat(Endpoints.server(REACTOR, "tcp:8080")).isEqualTo(expected);
      assertThat(Endpoints.server(REACTOR, "tcp:port=8080")).isEqualTo(expected);
    }

    @Test
    void tcpTakesAnInterfaceAndABacklog() {
      assertThat(Endpoints.server(REACTOR, "tcp:8080:interface=127.0.0.1:backlog=50"))
          .isEqualTo(new TcpServerEndpoint(REACTOR, 8080, 50, "127.0.0.1"));
      assertThat(Endpoints.server(REACTOR, "tcp:interface=127.0.0.1:backlog=7:0"))
          .isEqualTo(new TcpServerEndpoint(REACTOR, 0, 7, "127.0.0.1"));
    }

    @Test
    void tcp6BindsEveryIpv6InterfaceUnlessToldOtherwise() {
      assertThat(Endpoints.server(REACTOR, "tcp6:8080:interface=\\:\\:1"))
          .isEqualTo(new TcpServerEndpoint(REACTOR, 8080, 50, "::1"));
      assertThat(Endpoints.server(REACTOR, "tcp6:8080"))
          .isEqualTo(new TcpServerEndpoint(REACTOR, 8080, 50, "::"));
    }

    @Test
    void unixTakesAnOctalModeAndALockFileWhichIsOnByDefault() {
      assertThat(Endpoints.server(REACTOR, "unix:/path:mode=660:lockfile=1"))
          .isEqualTo(new UnixServerEndpoint(REACTOR, Path.of("/path"), 50, 0660, true));
      assertThat(Endpoints.server(REACTOR, "unix:/p"))
          .isEqualTo(new UnixServerEndpoint(REACTOR, Path.of("/p"), 50, 0666, true));
      assertThat(Endpoints.server(REACTOR, "unix:address=/p:lockfile=0:backlog=5:mode=0600"))
          .isEqualTo(new UnixServerEndpoint(REACTOR, Path.of("/p"), 5, 0600, false));
    }

    @Test
    void aServiceCannotReplaceABuiltInPrefix() {
      assertThat(Endpoints.server(REACTOR, "tcp:80")).isInstanceOf(TcpServerEndpoint.class);
    }
  }

  @Nested
  class Clients {
    @Test
    void tcpTakesNamedParameters() {
      HostnameEndpoint endpoint = hostname("tcp:host=example.com:port=80:timeout=30:bindAddress=10.0.0.1");

      assertThat(endpoint.host()).isEqualTo("example.com");
      assertThat(endpoint.port()).isEqualTo(80);
      assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(endpoint.bindAddress()).contains(new IPv4Address(AddressType.TCP, "10.0.0.1", 0));
    }

    @Test
    void tcpTakesTheHostAndPortByPositionWithTheDefaultTimeout() {
      HostnameEndpoint endpoint = hostname("tcp:example.com:80");

      assertThat(endpoint.host()).isEqualTo("example.com");
      assertThat(endpoint.port()).isEqualTo(80);
      assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(endpoint.bindAddress()).isEmpty();
    }

    @Test
    void positionalArgumentsStandForWhatIsNotNamed() {
      assertThat(hostname("tcp:host=example.com:80").port()).isEqualTo(80);
      assertThat(hostname("tcp:example.com:port=80").host()).isEqualTo("example.com");
      assertThat(hostname("tcp:port=80:example.com").host()).isEqualTo("example.com");
    }

    @Test
    void anIpv6BindAddressNeedsItsColonsEscaped() {
      assertThat(hostname("tcp:example.com:80:bindAddress=\\:\\:1").bindAddress())
          .contains(new IPv6Address(AddressType.TCP, "::1", 0));
    }

    @Test
    void unixTakesThePathByNameOrPosition() {
      assertThat(Endpoints.client(REACTOR, "unix:path=/p:timeout=5"))
          .isEqualTo(new UnixClientEndpoint(REACTOR, Path.of("/p"), Duration.ofSeconds(5)));
      assertThat(Endpoints.client(REACTOR, "unix:/p"))
          .isEqualTo(new UnixClientEndpoint(REACTOR, Path.of("/p"), Duration.ofSeconds(30)));
    }
  }

  @Nested
  class Errors {
    @Test
    void anUnknownPrefixListsTheKnownOnes() {
      assertInvalidServer("quic:443", "unknown endpoint type \"quic\" (stream server types: memory, ssl, tcp, tcp6, tls, unix)");
      assertInvalidClient("tcp6:host=::1:port=80",
          "unknown endpoint type \"tcp6\" (stream client types: memory, ssl, tcp, tls, unix)");
    }

    @Test
    void anUnknownParameterListsTheKnownOnes() {
      assertInvalidServer("tcp:8080:bakclog=5",
          "unknown parameter \"bakclog\" for tcp (known: backlog, interface, port)");
      assertInvalidServer("unix:/p:perms=600",
          "unknown parameter \"perms\" for unix (known: address, backlog, lockfile, mode)");
      assertInvalidClient("tcp:example.com:80:timout=5",
          "unknown parameter \"timout\" for tcp (known: bindAddress, host, port, timeout)");
      assertInvalidClient("unix:/p:checkPID=1", "unknown parameter \"checkPID\" for unix (known: path, timeout)");
    }

    @Test
    void aBadPortIsNamed() {
      assertInvalidServer("tcp:80x", "port must be a number from 0 to 65535, not \"80x\"");
      assertInvalidServer("tcp:65536", "port must be a number from 0 to 65535, not \"65536\"");
      assertInvalidClient("tcp:example.com:http", "port must be a number from 0 to 65535, not \"http\"");
    }

    @Test
    void aClientCannotConnectToPortZero() {
      assertInvalidClient("tcp:example.com:0", "port must be 1 to 65535 to connect to, not 0");
    }

    @Test
    void aMissingPartIsNamed() {
      assertInvalidServer("tcp", "missing port");
      assertInvalidServer("unix", "missing address");
      assertInvalidClient("tcp:port=80", "missing host");
      assertInvalidClient("tcp::80", "host must not be empty");
      assertInvalidClient("tcp:example.com", "missing port");
      assertInvalidClient("unix:timeout=3", "missing path");
      assertInvalidClient("unix:", "path must not be empty");
    }

    @Test
    void anExtraPositionalArgumentIsNamed() {
      assertInvalidServer("tcp:8080:9090", "unexpected argument \"9090\" (tcp takes at most 1 positional argument)");
      assertInvalidClient("tcp:example.com:80:x",
          "unexpected argument \"x\" (tcp takes at most 2 positional arguments)");
      assertInvalidClient("tcp:host=example.com:80:x",
          "unexpected argument \"x\" (tcp takes at most 1 positional argument)");
    }

    @Test
    void aBadModeIsNamed() {
      assertInvalidServer("unix:/p:mode=999", "mode must be octal permission bits such as 660, not \"999\"");
      assertInvalidServer("unix:/p:mode=rw", "mode must be octal permission bits such as 660, not \"rw\"");
    }

    @Test
    void aPathTheSystemRefusesIsNamed() {
      assertInvalidServer("unix:/tmp/a\0b", "address is not a valid path: Nul character not allowed");
      assertInvalidClient("unix:path=/tmp/a\0b", "path is not a valid path: Nul character not allowed");
    }

    @Test
    void aBadTimeoutIsNamed() {
      assertInvalidClient("tcp:example.com:80:timeout=soon",
          "timeout must be a positive number of seconds, not \"soon\"");
      assertInvalidClient("unix:/p:timeout=0", "timeout must be a positive number of seconds, not \"0\"");
    }

    @Test
    void aBadFlagIsNamed() {
      assertInvalidServer("unix:/p:lockfile=maybe", "lockfile must be 1 or 0 (or true/false), not \"maybe\"");
    }

    @Test
    void aBadBacklogIsNamed() {
      assertInvalidServer("tcp:80:backlog=0", "backlog must be a number from 1 to 65535, not \"0\"");
    }
  }

  @Nested
  class Plugins {
    @Test
    void aParserFromServiceLoaderHandlesItsPrefix() {
      StreamServerEndpoint server = Endpoints.server(REACTOR, "memory:alpha");
      StreamClientEndpoint client = Endpoints.client(REACTOR, "memory:name=beta");

      assertThat(server).isInstanceOfSatisfying(MemoryEndpointParser.MemoryEndpoint.class,
          endpoint -> assertThat(endpoint.name()).isEqualTo("alpha"));
      assertThat(client).isInstanceOfSatisfying(MemoryEndpointParser.MemoryEndpoint.class, endpoint -> {
        assertThat(endpoint.name()).isEqualTo("beta");
        assertThat(endpoint.description().text()).isEqualTo("memory:name=beta");
      });
    }

    @Test
    void aPluginsErrorsReachTheCaller() {
      assertInvalidServer("memory:alpha:size=3", "unknown parameter \"size\" for memory (known: name)");
    }
  }
}
