package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.ClientFactory;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.MemoryConnector;
import dev.twine.testing.MemoryPort;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.Pump;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A site listening through a reactor, as a program would run it, with the reactor in memory. */
@TwineTest
class MemoryReactorTest {
  @Test
  void servesAClientThatConnectsThroughTheReactorUntilItIsIdle(Clock clock) {
    MemoryReactor reactor = new MemoryReactor(clock);
    reactor.listenTcp(8080, new Site(Hello.root(), reactor, Wire.calendar(clock),
        SiteOptions.DEFAULT));
    StreamingTest.Reader client = new StreamingTest.Reader();
    reactor.connectTcp("127.0.0.1", 8080, ClientFactory.forProtocol(() -> client));
    MemoryPort port = reactor.tcpServers().get(0).listeningPort();
    MemoryConnector connector = reactor.tcpClients().get(0).connector();
    Pump pump = Loopback.connect(port, connector);

    client.transport().write(Bytes.ascii("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"));
    pump.flush();
    assertThat(client.received.readAll().utf8()).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("Date: Sat, 01 Mar 2025 12:00:00 GMT\r\n").endsWith("\r\n\r\nHello, World!");

    reactor.advance(SiteOptions.DEFAULT.idleTimeout().minusMillis(1));
    pump.flush();
    assertThat(pump.closed()).isFalse();
    reactor.advance(Duration.ofMillis(1));
    pump.flush();
    assertThat(pump.closed()).isTrue();
  }
}
