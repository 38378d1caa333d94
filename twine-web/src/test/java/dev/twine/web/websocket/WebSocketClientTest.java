package dev.twine.web.websocket;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.TimedOutException;
import dev.twine.internet.Protocol;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.Rendered;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import dev.twine.web.client.EndpointFactory;
import dev.twine.web.client.Origin;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The client against a site in memory: the handshake, refusals, and the timeout. */
@TwineTest
class WebSocketClientTest {
  private final List<Origin> reached = new ArrayList<>();
  private Pump pump;

  /** The server's protocol: greets on open, then echoes. */
  static final class Greeter extends LoopbackTest.Echo {
    @Override
    public Admission onConnect(ConnectionRequest request) {
      return request.handshake().selectSubprotocol(List.of("v2", "v1"))
          .map(Admission::accept).orElse(Admission.accept());
    }

    @Override
    public void onOpen() {
      super.onOpen();
      connection().sendMessage("welcome");
    }
  }

  private final Greeter server = new Greeter();

  private Site site(Clock clock) {
    Resource root = new Resource();
    root.putChild("ws", new WebSocketResource(clock,
        WebSocketOptions.DEFAULT.withDeflate(PerMessageDeflate.DEFAULT), () -> server));
    root.putChild("page", new Resource().on(HttpMethod.GET, request -> Rendered.body("a page")));
    return new Site(root, clock);
  }

  /** Connects every attempt to {@code site} in memory. */
  private EndpointFactory toSite(Site site) {
    return (origin, timeout) -> factory -> {
      reached.add(origin);
      Protocol client = factory.buildProtocol(Loopback.Options.DEFAULT.serverAddress());
      pump = Loopback.connect(site.buildProtocol(Loopback.Options.DEFAULT.clientAddress()), client);
      return Deferred.succeed(client);
    };
  }

  private WebSocketClient client(Clock clock, EndpointFactory endpoints) {
    return new WebSocketClient(clock, endpoints,
        WebSocketOptions.DEFAULT.withDeflate(PerMessageDeflate.DEFAULT), new SplittableRandom(9),
        Duration.ofSeconds(10));
  }

  @Test
  void opensAConnectionAndReadsWhatCameWithThe101(Clock clock) {
    Recorder recorder = new Recorder();
    Deferred<Recorder> opened = client(clock, toSite(site(clock)))
        .connect(URI.create("ws://chat.example:8080/ws"), List.of("v1", "v2"),
            Headers.of("Origin", "http://chat.example:8080"), recorder);
    assertNoResult(opened);
    pump.flush();
    assertThat(successResultOf(opened)).isSameAs(recorder);
    assertThat(reached).containsExactly(new Origin("http", "chat.example", 8080));
    WebSocketConnection connection = recorder.connection();
    assertThat(connection.agreement().subprotocol()).contains("v2");
    assertThat(connection.agreement().deflate()).contains(DeflateParameters.DEFAULT);
    assertThat(recorder.take()).containsExactly("open", "text welcome");
    connection.sendMessage("compressed both ways, ".repeat(10));
    pump.flush();
    assertThat(recorder.take()).containsExactly("text " + "compressed both ways, ".repeat(10));
    connection.sendClose();
    pump.flush();
    assertThat(recorder.take()).containsExactly("close clean 1000 ");
    assertThat(server.take()).last().isEqualTo("close clean 1000 ");
  }

  @Test
  void failsWhenTheServerRefuses(Clock clock) {
    Deferred<Recorder> crossSite = client(clock, toSite(site(clock)))
        .connect(URI.create("ws://chat.example/ws"), List.of(),
            Headers.of("Origin", "https://evil.example"), new Recorder());
    pump.flush();
    Failure refused = failureResultOf(crossSite, HandshakeException.class);
    assertThat(refused.message()).contains("403");

    Deferred<Recorder> notWebSocket = client(clock, toSite(site(clock)))
        .connect(URI.create("ws://chat.example/page"), new Recorder());
    pump.flush();
    assertThat(failureResultOf(notWebSocket, HandshakeException.class).message())
        .contains("200 OK, not 101");
  }

  @Test
  void givesUpAfterTheTimeout(Clock clock) {
    StringTransport silent = new StringTransport();
    EndpointFactory blackHole = (origin, timeout) -> factory -> {
      Protocol client = factory.buildProtocol(silent.peer());
      client.makeConnection(silent);
      silent.reportDisconnection(client);
      return Deferred.succeed(client);
    };
    Deferred<Recorder> opening = client(clock, blackHole)
        .connect(URI.create("wss://example.com/"), new Recorder());
    assertThat(silent.value().ascii()).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n");
    clock.advance(Duration.ofSeconds(10));
    failureResultOf(opening, TimedOutException.class);
    assertThat(silent.aborted()).isTrue();
  }

  @Test
  void refusesAUriThatIsNotWebSocket(Clock clock) {
    WebSocketClient client = client(clock, toSite(site(clock)));
    assertThatThrownBy(() -> client.connect(URI.create("http://example.com/"), new Recorder()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
