package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A resource hands the connection to another protocol after 101 Switching Protocols. */
@TwineTest
class SwitchProtocolsTest {
  private static final String UPGRADE =
      "GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n";

  /** Echoes what it receives in upper case, and records its events. */
  static final class Shouting extends Protocol {
    final List<String> events = new ArrayList<>();

    @Override
    public void connectionMade() {
      events.add("made");
    }

    @Override
    public void dataReceived(Bytes data) {
      events.add("data " + data.ascii());
      transport().write(Bytes.ascii(data.ascii().toUpperCase(Locale.ROOT)));
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost " + reason.type().getSimpleName());
    }
  }

  private final Shouting shouting = new Shouting();
  private final List<Deferred<Bytes>> slow = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("echo", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Upgrade", "echo");
      request.setHeader("Connection", "Upgrade");
      return Rendered.switchProtocols(shouting);
    }).on(HttpMethod.POST, request -> Rendered.switchProtocols(shouting)));
    root.putChild("slow", new Resource().on(HttpMethod.GET, request -> {
      Deferred<Bytes> body = new Deferred<>();
      slow.add(body);
      return Rendered.later(body);
    }));
    return root;
  }

  static List<Chunks.Split> upgradeThenData() {
    return Chunks.all(Wire.latin1(UPGRADE + "hello"), 5);
  }

  @ParameterizedTest
  @MethodSource("upgradeThenData")
  void answers101ThenTheNewProtocolHasTheConnection(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    String written = wire.written();
    assertThat(written).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
        .contains("\r\nUpgrade: echo\r\n", "\r\nConnection: Upgrade\r\n", "\r\nServer: Twine/")
        .doesNotContain("Content-Length", "Transfer-Encoding").endsWith("\r\n\r\nHELLO");
    assertThat(String.join("", shouting.events).replace("data ", ""))
        .isEqualTo("made" + "hello");
    wire.send("GET / HTTP/1.1\r\n\r\n");
    assertThat(wire.written()).endsWith("HELLOGET / HTTP/1.1\r\n\r\n");
    clock.advance(Duration.ofHours(1));
    assertThat(wire.closed()).as("no HTTP timeout after the switch").isFalse();
    wire.close();
    assertThat(shouting.events).last().isEqualTo("lost ConnectionDone");
  }

  @Test
  void switchesAfterTheResponsesToEarlierRequests(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n" + UPGRADE + "early");
    assertThat(wire.written()).isEmpty();
    assertThat(shouting.events).isEmpty();
    wire.send("more");
    slow.get(0).callback(Bytes.ascii("slow body"));
    assertThat(wire.written()).contains("slow body" + "HTTP/1.1 101 Switching Protocols\r\n")
        .endsWith("\r\n\r\nEARLYMORE");
    assertThat(shouting.events).containsExactly("made", "data early", "data more");
    wire.close();
  }

  @Test
  void theEndOfTheClientsStreamEndsTheConnection(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(UPGRADE);
    ((HalfCloseableProtocol) wire.protocol).readConnectionLost();
    assertThat(wire.transport.disconnecting()).isTrue();
    assertThat(shouting.events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void onlyABodilessHttp11RequestCanSwitch(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi");
    assertThat(wire.response().status()).isEqualTo(500);
    Wire old = new Wire(root(), clock);
    old.send("GET /echo HTTP/1.0\r\n\r\n");
    assertThat(old.response().status()).isEqualTo(500);
    assertThat(shouting.events).isEmpty();
    wire.close();
    old.close();
  }
}
