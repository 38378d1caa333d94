package dev.twine.internet.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NioReactorGroupTest {

  /** Answers each connection with the name of the thread that serves it. */
  static final class WhoServes extends Protocol {
    private final Set<String> threads;

    WhoServes(Set<String> threads) {
      this.threads = threads;
    }

    @Override
    public void connectionMade() {
      threads.add(Thread.currentThread().getName());
      transport().write(Bytes.utf8(Thread.currentThread().getName() + "\n"));
      transport().loseConnection();
    }
  }

  @Test
  @Timeout(20)
  void spreadsConnectionsOverItsReactorsAndStops() throws Exception {
    NioReactorGroup group = new NioReactorGroup(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ListeningPort port =
        group.listenTcp(0, Factory.forProtocol(() -> new WhoServes(threads)), 128, "127.0.0.1");
    int portNumber = ((IPv4Address) port.address()).port();
    Thread runner = Thread.ofPlatform().name("group-main").start(group::run);

    for (int i = 0; i < 64 && threads.size() < 2; i++) {
      try (Socket socket = new Socket("127.0.0.1", portNumber)) {
        InputStream in = socket.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(answer).isIn("group-main", "twine-reactor-1");
      }
    }
    assertThat(threads).containsExactlyInAnyOrder("group-main", "twine-reactor-1");

    port.stopListening();
    group.stop();
    runner.join(10_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(group.reactors()).noneMatch(NioReactor::running);
  }

  @Test
  void rejectsAnEmptyGroup() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new NioReactorGroup(0))
        .withMessageContaining("at least one reactor");
  }

}
