package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Factory;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.UnixAddress;
import dev.twine.protocols.ProxyProtocolOptions.Untrusted;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyProtocolFactoryTest {
  private static final Address PROXY = new IPv4Address(AddressType.TCP, "127.0.0.1", 50000);
  private static final Address STRANGER = new IPv4Address(AddressType.TCP, "203.0.113.9", 50000);
  private static final String SIGNATURE = "0d0a0d0a000d0a515549540a";

  private final Clock clock = new Clock();
  private final List<String> events = new ArrayList<>();
  private final Buffer received = new Buffer();
  private final Factory app = address -> {
    events.add("built for " + address);
    return new Protocol() {
      @Override
      public void connectionMade() {
        events.add("connected from " + transport().peer());
      }

      @Override
      public void dataReceived(Bytes data) {
        received.write(data);
      }
    };
  };
  private StringTransport transport = new StringTransport(StringTransport.DEFAULT_HOST, PROXY);

  private Protocol connect(Factory factory, Address peer) {
    transport = new StringTransport(StringTransport.DEFAULT_HOST, peer);
    Protocol protocol = factory.buildProtocol(peer);
    if (protocol != null) {
      protocol.makeConnection(transport);
    }
    return protocol;
  }

  private ProxyProtocolFactory factory() {
    return new ProxyProtocolFactory(app, clock, ProxyProtocolOptions.DEFAULT);
  }

  /** Returns a v2 header: signature, then {@code rest} in hex (version and command onwards). */
  private static Bytes v2(String rest) {
    return Bytes.fromHex(SIGNATURE + rest.replace(" ", ""));
  }

  private static Bytes withData(Bytes header) {
    return header.concat(Bytes.ascii("GET / HTTP/1.1\r\n\r\n"));
  }

  static Stream<Arguments> validHeaders() {
    String unixPaths = HexFormat.of().formatHex(paddedPath("/run/client.sock"))
        + HexFormat.of().formatHex(paddedPath("/run/server.sock"));
    return Stream.of(
        Arguments.of("v1 TCP4", Bytes.ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"),
            new IPv4Address(AddressType.TCP, "192.168.0.1", 56324)),
        Arguments.of("v1 TCP6 of the longest length",
            Bytes.ascii("PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n"),
            new IPv6Address(AddressType.TCP, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535)),
        Arguments.of("v1 UNKNOWN", Bytes.ascii("PROXY UNKNOWN\r\n"), PROXY),
        Arguments.of("v1 UNKNOWN with addresses",
            Bytes.ascii("PROXY UNKNOWN ffff:: ffff:: 1 2\r\n"), PROXY),
        Arguments.of("v2 PROXY TCP over IPv4", v2("21 11 000c c0000201 c6336401 d204 01bb"),
            new IPv4Address(AddressType.TCP, "192.0.2.1", 53764)),
        Arguments.of("v2 PROXY UDP over IPv4", v2("21 12 000c c0000201 c6336401 d204 01bb"),
            new IPv4Address(AddressType.UDP, "192.0.2.1", 53764)),
        Arguments.of("v2 PROXY TCP over IPv6 with TLVs skipped",
            v2("21 21 0031 20010db8000000000000000000000001 20010db8000000000000000000000002 0050 01bb"
                + " 04 0003 000000 01 0000 02 0001 61"),
            new IPv6Address(AddressType.TCP, "2001:db8:0:0:0:0:0:1", 80)),
        Arguments.of("v2 PROXY over UNIX sockets", v2("21 31 00d8" + unixPaths),
            new UnixAddress("/run/client.sock")),
        Arguments.of("v2 LOCAL, as for a health check", v2("20 00 0000"), PROXY),
        Arguments.of("v2 LOCAL with addresses, ignored", v2("20 11 000c c0000201 c6336401 d204 01bb"), PROXY),
        Arguments.of("v2 PROXY UNSPEC", v2("21 00 0003 04 0000"), PROXY));
  }

  private static byte[] paddedPath(String path) {
    byte[] padded = new byte[108];
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return padded;
  }

  static Stream<Arguments> validHeadersFedEachWay() {
    return validHeaders().flatMap(args -> Feeding.all().stream()
        .map(feeding -> Arguments.of(args.get()[0], args.get()[1], args.get()[2], feeding)));
  }

  @ParameterizedTest(name = "{0}, {3}")
  @MethodSource("validHeadersFedEachWay")
  void presentsTheClientAddressAndPassesTheRestOn(String name, Bytes header, Address client, Feeding feeding) {
    Protocol protocol = connect(factory(), PROXY);
    feeding.feed(protocol, withData(header));

    assertThat(events).containsExactly("built for " + client, "connected from " + client);
    assertThat(received.readAll()).isEqualTo(Bytes.ascii("GET / HTTP/1.1\r\n\r\n"));
    assertThat(transport.disconnecting()).isFalse();
    assertThat(clock.pendingCalls()).as("the header timeout is cancelled").isEmpty();
  }

  static Stream<Arguments> badHeaders() {
    return Stream.of(
        Arguments.of("plain HTTP", Bytes.ascii("GET / HTTP/1.1\r\n\r\n")),
        Arguments.of("lower case", Bytes.ascii("proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n")),
        Arguments.of("v1 unknown protocol", Bytes.ascii("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n")),
        Arguments.of("v1 two spaces", Bytes.ascii("PROXY TCP4 1.2.3.4  5.6.7.8 1 2\r\n")),
        Arguments.of("v1 missing port", Bytes.ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n")),
        Arguments.of("v1 leading zero in a port", Bytes.ascii("PROXY TCP4 1.2.3.4 5.6.7.8 080 80\r\n")),
        Arguments.of("v1 port too large", Bytes.ascii("PROXY TCP4 1.2.3.4 5.6.7.8 65536 80\r\n")),
        Arguments.of("v1 IPv6 address for TCP4", Bytes.ascii("PROXY TCP4 ::1 ::1 1 2\r\n")),
        Arguments.of("v1 host name", Bytes.ascii("PROXY TCP4 example.com 5.6.7.8 1 2\r\n")),
        Arguments.of("v1 bare LF", Bytes.ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n\r\n")),
        Arguments.of("v1 without CRLF in 107 bytes", Bytes.ascii("PROXY UNKNOWN " + "x".repeat(100))),
        Arguments.of("v2 version 1", v2("11 11 000c c0000201 c6336401 d204 01bb")),
        Arguments.of("v2 unknown command", v2("22 11 000c c0000201 c6336401 d204 01bb")),
        Arguments.of("v2 unknown family", v2("21 41 000c c0000201 c6336401 d204 01bb")),
        Arguments.of("v2 unknown transport", v2("21 13 000c c0000201 c6336401 d204 01bb")),
        Arguments.of("v2 too short for its addresses", v2("21 11 000b c0000201 c6336401 d204 01")),
        Arguments.of("v2 longer than the maximum", v2("21 11 0801")),
        Arguments.of("v2 TLV overrunning the header", v2("21 11 0010 c0000201 c6336401 d204 01bb 04 0002 00")),
        Arguments.of("v2 truncated TLV", v2("21 11 000e c0000201 c6336401 d204 01bb 04 00")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void closesTheConnectionOnABadHeaderBeforeAnyProtocolExists(String name, Bytes header) {
    for (Feeding feeding : Feeding.all()) {
      events.clear();
      Protocol protocol = connect(factory(), PROXY);
      feeding.feed(protocol, withData(header));

      assertThat(transport.disconnecting()).as("%s", feeding).isTrue();
      assertThat(events).as("%s", feeding).isEmpty();
      assertThat(clock.pendingCalls()).isEmpty();
    }
  }

  @Test
  void refusesAConnectionThatCannotStartWithAHeaderAtItsFirstByte() {
    Protocol protocol = connect(factory(), PROXY);
    protocol.dataReceived(Bytes.ascii("G"));
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void closesTheConnectionWhenTheHeaderIsTooSlow() {
    Protocol protocol = connect(factory(), PROXY);
    protocol.dataReceived(Bytes.ascii("PROXY TCP4 192.168.0.1 "));
    clock.advance(Duration.ofMillis(4999));
    assertThat(transport.disconnecting()).isFalse();

    clock.advance(Duration.ofMillis(1));
    assertThat(transport.disconnecting()).isTrue();
    protocol.dataReceived(Bytes.ascii("192.168.0.11 56324 443\r\n"));
    assertThat(events).isEmpty();
  }

  @Test
  void passesHalfClosesToAHalfCloseableServedProtocol() {
    Factory halfClosing = address -> new HalfClosingRecorder();
    Protocol protocol = connect(new ProxyProtocolFactory(halfClosing, clock, ProxyProtocolOptions.DEFAULT), PROXY);
    protocol.dataReceived(Bytes.ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"));
    ((HalfCloseableProtocol) protocol).readConnectionLost();
    ((HalfCloseableProtocol) protocol).writeConnectionLost();

    assertThat(events).containsExactly("read side closed", "write side closed");
    assertThat(transport.disconnecting()).isFalse();
  }

  @Test
  void closesWhenThePeerStopsSendingBeforeAWholeHeaderOrWithAServedProtocolThatCannotHalfClose() {
    Protocol early = connect(factory(), PROXY);
    early.dataReceived(Bytes.ascii("PROXY TCP4 "));
    ((HalfCloseableProtocol) early).readConnectionLost();
    assertThat(transport.disconnecting()).isTrue();
    assertThat(clock.pendingCalls()).as("no header timeout left").isEmpty();

    Protocol served = connect(factory(), PROXY);
    served.dataReceived(Bytes.ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"));
    ((HalfCloseableProtocol) served).readConnectionLost();
    assertThat(transport.disconnecting()).isTrue();
  }

  private final class HalfClosingRecorder extends Protocol implements HalfCloseableProtocol {
    @Override
    public void readConnectionLost() {
      events.add("read side closed");
    }

    @Override
    public void writeConnectionLost() {
      events.add("write side closed");
    }
  }

  @Test
  void cancelsTheHeaderTimeoutWhenTheConnectionEnds() {
    Protocol protocol = connect(factory(), PROXY);
    protocol.connectionLost(Failure.of(new ConnectionDone("connection was closed cleanly")));
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void rejectsUntrustedPeersByDefault() {
    assertThat(factory().buildProtocol(STRANGER)).isNull();
    assertThat(events).isEmpty();
  }

  @Test
  void servesUntrustedPeersAsTheyAreWhenToldToPassThemThrough() {
    var factory = new ProxyProtocolFactory(app, clock, ProxyProtocolOptions.DEFAULT.withUntrusted(Untrusted.PASS_THROUGH));
    Protocol protocol = connect(factory, STRANGER);
    protocol.dataReceived(Bytes.ascii("PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n"));

    assertThat(events).containsExactly("built for " + STRANGER, "connected from " + STRANGER);
    assertThat(received.readAll()).as("a stranger's header is data").isEqualTo(Bytes.ascii("PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n"));
  }

  @Test
  void readsNoHeaderFromAnyoneWithNone() {
    assertThat(ProxyProtocolOptions.NONE.trustsNoOne()).isTrue();
    assertThat(ProxyProtocolOptions.DEFAULT.trustsNoOne()).isFalse();
    Protocol protocol = connect(new ProxyProtocolFactory(app, clock, ProxyProtocolOptions.NONE), PROXY);
    protocol.dataReceived(Bytes.ascii("PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n"));

    assertThat(events).containsExactly("built for " + PROXY, "connected from " + PROXY);
    assertThat(received.readAll()).isEqualTo(Bytes.ascii("PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n"));
  }

  @Test
  void trustsTheConfiguredNetworksAndUnixSockets() {
    var options = ProxyProtocolOptions.DEFAULT.withTrustedProxies(List.of(IpNetwork.parse("203.0.113.0/24")));
    assertThat(new ProxyProtocolFactory(app, clock, options).buildProtocol(STRANGER)).isNotNull();
    assertThat(new ProxyProtocolFactory(app, clock, options).buildProtocol(PROXY)).isNull();
    assertThat(factory().buildProtocol(new UnixAddress(""))).isNotNull();
    assertThat(new ProxyProtocolFactory(app, clock, options.withTrustUnixSockets(false))
        .buildProtocol(new UnixAddress(""))).isNull();
  }

  @Test
  void closesTheConnectionWhenTheWrappedFactoryRefusesTheClient() {
    var factory = new ProxyProtocolFactory(address -> null, clock, ProxyProtocolOptions.DEFAULT);
    Protocol protocol = connect(factory, PROXY);
    protocol.dataReceived(Bytes.ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET /"));
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void letsALimitInsideCountClientsRatherThanTheProxy() {
    var limited = new LimitConnectionsFactory(app, clock,
        ConnectionLimits.DEFAULT.withMaxConnectionsPerAddress(1));
    var factory = new ProxyProtocolFactory(limited, clock, ProxyProtocolOptions.DEFAULT);

    connect(factory, PROXY).dataReceived(Bytes.ascii("PROXY TCP4 192.0.2.1 192.0.2.100 1000 80\r\n"));
    connect(factory, PROXY).dataReceived(Bytes.ascii("PROXY TCP4 192.0.2.2 192.0.2.100 1000 80\r\n"));
    assertThat(limited.openConnections()).isEqualTo(2);

    connect(factory, PROXY).dataReceived(Bytes.ascii("PROXY TCP4 192.0.2.1 192.0.2.100 1001 80\r\n"));
    assertThat(transport.disconnecting()).as("a second connection from 192.0.2.1").isTrue();
  }

  @Test
  void passesTheEndOfTheConnectionToTheServedProtocol() {
    List<String> ends = new ArrayList<>();
    Factory ending = address -> new Protocol() {
      @Override
      public void connectionLost(Failure reason) {
        ends.add(reason.exception().getClass().getSimpleName());
      }
    };
    Protocol protocol = connect(new ProxyProtocolFactory(ending, clock, ProxyProtocolOptions.DEFAULT), PROXY);
    protocol.dataReceived(Bytes.ascii("PROXY UNKNOWN\r\n"));
    protocol.connectionLost(Failure.of(new ConnectionDone("connection was closed cleanly")));
    assertThat(ends).containsExactly("ConnectionDone");
  }
}
