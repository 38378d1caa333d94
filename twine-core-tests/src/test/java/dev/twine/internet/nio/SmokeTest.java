package dev.twine.internet.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SmokeTest {
  static final class Echo extends Protocol {
    @Override public void dataReceived(Bytes data) { transport().write(data); }
  }

  @Test
  @Timeout(10)
  void echoesOverLoopback() {
    NioReactor reactor = new NioReactor();
    ListeningPort port = reactor.listenTcp(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
    int p = ((IPv4Address) port.address()).port();
    List<String> events = new ArrayList<>();
    StringBuilder got = new StringBuilder();
    reactor.connectTcp("127.0.0.1", p, ClientFactory.forProtocol(() -> new Protocol() {
      @Override public void connectionMade() { transport().write(Bytes.utf8("hello")); events.add("made"); }
      @Override public void dataReceived(Bytes data) {
        got.append(data.utf8());
        if (got.length() == 5) transport().loseConnection();
      }
      @Override public void connectionLost(Failure reason) { events.add("lost " + reason.type().getSimpleName()); reactor.stop(); }
    }));
    reactor.run();
    assertThat(got.toString()).isEqualTo("hello");
    assertThat(events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  @Timeout(10)
  void refusedConnectionFails() throws Exception {
    NioReactor reactor = new NioReactor();
    int p;
    try (var s = new java.net.ServerSocket(0)) { p = s.getLocalPort(); }
    List<String> events = new ArrayList<>();
    reactor.connectTcp("127.0.0.1", p, new ClientFactory() {
      @Override public Protocol buildProtocol(Address a) { return new Echo(); }
      @Override public void clientConnectionFailed(Connector c, Failure reason) {
        events.add(reason.type().getSimpleName()); reactor.stop();
      }
    }, Duration.ofSeconds(5), null);
    reactor.run();
    assertThat(events).containsExactly("ConnectionRefused");
  }
}
