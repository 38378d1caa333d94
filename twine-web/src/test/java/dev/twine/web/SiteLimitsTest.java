package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.protocols.IpNetwork;
import dev.twine.protocols.ProxyProtocolOptions;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketProtocol;
import dev.twine.web.websocket.WebSocketResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resource limits of {@link SiteOptions}: connections in all, per client address and per
 * second, requests per connection, header fields, upgraded connections, and the client address a
 * trusted proxy reports with the PROXY protocol.
 */
@TwineTest
class SiteLimitsTest {
  private static final String GET = "GET /who HTTP/1.1\r\nHost: a\r\n\r\n";
  private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      + "Sec-WebSocket-Version: 13\r\n\r\n";

  private final List<Wire> wires = new ArrayList<>();

  private static Resource root(Clock clock) {
    Resource root = new Resource();
    root.putChild("who", new Resource().on(HttpMethod.GET,
        request -> Rendered.body(((IPv4Address) request.clientAddress()).host() + " "
            + ((IPv4Address) request.clientAddress()).port())));
    root.putChild("ws", new WebSocketResource(clock, WebSocketOptions.DEFAULT, () -> new WebSocketProtocol() { }));
    return root;
  }

  private static Site site(Clock clock, SiteOptions options) {
    return new Site(root(clock), clock, Wire.calendar(clock), options);
  }

  private static Address client(String host) {
    return new IPv4Address(AddressType.TCP, host, 40000);
  }

  /** Connects a client at {@code peer} to {@code site}; the wire is closed after the test. */
  private Wire connect(Site site, Clock clock, Address peer) {
    Wire wire = new Wire(site, clock, new StringTransport(StringTransport.DEFAULT_HOST, peer));
    wires.add(wire);
    return wire;
  }

  @AfterEach
  void closeWires() {
    wires.forEach(Wire::close);
  }

  @Test
  void closesTheConnectionAfterItsLastAllowedRequest(Clock clock) {
    Wire wire = new Wire(root(clock), clock, SiteOptions.DEFAULT.withMaxRequestsPerConnection(2));
    wires.add(wire);

    wire.send(GET + GET + GET);

    List<Wire.Response> responses = wire.responses();
    assertThat(responses).extracting(Wire.Response::status).containsExactly(200, 200);
    assertThat(responses.get(0).header("Connection")).isEmpty();
    assertThat(responses.get(1).header("Connection")).contains("close");
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void refusesConnectionsPastTheTotal(Clock clock) {
    Site site = site(clock, SiteOptions.DEFAULT.withConnections(
        SiteOptions.CONNECTIONS.withMaxConnections(2)));
    Wire first = connect(site, clock, client("10.0.0.1"));
    connect(site, clock, client("10.0.0.2"));

    assertThat(site.buildProtocol(client("10.0.0.3"))).isNull();
    assertThat(site.openConnections()).isEqualTo(2);

    first.close();
    assertThat(site.openConnections()).isEqualTo(1);
    Wire third = connect(site, clock, client("10.0.0.3"));
    third.send(GET);
    assertThat(third.response().body()).isEqualTo("10.0.0.3 40000");
  }

  @Test
  void refusesConnectionsPastTheCountOfOneAddress(Clock clock) {
    Site site = site(clock, SiteOptions.DEFAULT.withConnections(
        SiteOptions.CONNECTIONS.withMaxConnectionsPerAddress(1)));
    connect(site, clock, client("10.0.0.1"));

    assertThat(site.buildProtocol(client("10.0.0.1"))).isNull();
    assertThat(site.buildProtocol(client("10.0.0.2"))).isNotNull();
  }

  @Test
  void refusesNewConnectionsFasterThanTheRateOfOneAddress(Clock clock) {
    Site site = site(clock, SiteOptions.DEFAULT.withConnections(
        SiteOptions.CONNECTIONS.withNewConnectionRate(1, 2)));
    connect(site, clock, client("10.0.0.1")).close();
    connect(site, clock, client("10.0.0.1")).close();

    assertThat(site.buildProtocol(client("10.0.0.1"))).as("past the burst").isNull();
    assertThat(site.buildProtocol(client("10.0.0.2"))).as("another address").isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(site.buildProtocol(client("10.0.0.1"))).as("a second later").isNotNull();
  }

  @Test
  void answersTooManyHeaderFieldsWith431(Clock clock) {
    Wire wire = new Wire(root(clock), clock,
        SiteOptions.DEFAULT.withLimits(HttpLimits.DEFAULT.withMaxHeaderCount(3)));
    wires.add(wire);

    wire.send("GET /who HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");

    assertThat(wire.response().status()).isEqualTo(431);
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void answersAnUpgradePastTheLimitWith503AndKeepsTheConnection(Clock clock) {
    Site site = site(clock, SiteOptions.DEFAULT.withMaxUpgradedConnections(1));
    Wire first = connect(site, clock, client("10.0.0.1"));
    first.send(UPGRADE);
    assertThat(first.written()).startsWith("HTTP/1.1 101 ");

    Wire second = connect(site, clock, client("10.0.0.2"));
    second.send(UPGRADE);
    second.send(GET);
    assertThat(second.responses()).extracting(Wire.Response::status).containsExactly(503, 200);
    assertThat(second.closed()).isFalse();

    first.close();
    Wire third = connect(site, clock, client("10.0.0.3"));
    third.send(UPGRADE);
    assertThat(third.written()).startsWith("HTTP/1.1 101 ");
  }

  @Test
  void takesTheClientAddressFromATrustedProxyOnly(Clock clock) {
    Address proxy = client("10.1.0.1");
    Site site = site(clock, SiteOptions.DEFAULT.withProxyProtocol(ProxyProtocolOptions.DEFAULT
        .withTrustedProxies(List.of(IpNetwork.parse("10.1.0.0/24")))));

    Wire proxied = connect(site, clock, proxy);
    proxied.send("PROXY TCP4 192.0.2.7 10.1.0.9 5555 80\r\n" + GET);

    assertThat(proxied.response().body()).isEqualTo("192.0.2.7 5555");
    assertThat(site.buildProtocol(client("192.0.2.8"))).as("a client that is no proxy").isNull();
  }

  @Test
  void countsTheClientsOfATrustedProxyByTheirOwnAddress(Clock clock) {
    Site site = site(clock, SiteOptions.DEFAULT
        .withProxyProtocol(ProxyProtocolOptions.DEFAULT.withTrustedProxies(List.of(IpNetwork.parse("10.1.0.0/24"))))
        .withConnections(SiteOptions.CONNECTIONS.withMaxConnectionsPerAddress(1)));

    Wire one = connect(site, clock, client("10.1.0.1"));
    one.send("PROXY TCP4 192.0.2.7 10.1.0.9 5555 80\r\n" + GET);
    Wire other = connect(site, clock, client("10.1.0.1"));
    other.send("PROXY TCP4 192.0.2.8 10.1.0.9 5556 80\r\n" + GET);
    Wire again = connect(site, clock, client("10.1.0.1"));
    again.send("PROXY TCP4 192.0.2.7 10.1.0.9 5557 80\r\n" + GET);

    assertThat(one.responses()).extracting(Wire.Response::status).containsExactly(200);
    assertThat(other.responses()).extracting(Wire.Response::status).containsExactly(200);
    assertThat(again.written()).isEmpty();
    assertThat(again.closed()).as("a second connection of 192.0.2.7").isTrue();
  }

  @Test
  void closesConnectionsPastTheTotalOverRealSockets() throws IOException {
    SiteOptions options = SiteOptions.DEFAULT.withConnections(SiteOptions.CONNECTIONS.withMaxConnections(1));
    try (LiveSite site = new LiveSite(new Resource().putChild("", new Resource()
        .on(HttpMethod.GET, request -> Rendered.body("ok"))), options);
        Socket first = connect(site)) {
      first.getOutputStream().write(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
      assertThat(readSome(first.getInputStream())).startsWith("HTTP/1.1 200 OK");

      try (Socket second = connect(site)) {
        assertThat(second.getInputStream().read()).as("the refused connection").isEqualTo(-1);
      }
    }
  }

  private static Socket connect(LiveSite site) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", site.port()), 5000);
    socket.setSoTimeout((int) LiveSite.PATIENCE.toMillis());
    return socket;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String readSome(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    int n = in.read(buffer);
    return new String(buffer, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
  }
}
