package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.internet.CannotListen;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.nio.NioReactor;
import dev.twine.internet.nio.NioReactorGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reactor group listening with TLS: one socket per reactor, each connection on one reactor. */
@Timeout(60)
class NioReactorGroupTlsTest {

  /** Echoes each line with the name of the thread that did the handshake and serves it. */
  static final class WhoServes extends Protocol {
    private final Set<String> threads;
    private String handshakeThread = "";

    WhoServes(Set<String> threads) {
      this.threads = threads;
    }

    @Override
    public void connectionMade() {
      handshakeThread = Thread.currentThread().getName();
      threads.add(handshakeThread);
    }

    @Override
    public void dataReceived(Bytes data) {
      String serving = Thread.currentThread().getName();
      String version = ((TlsTransport) transport()).tlsVersion();
      transport().write(Bytes.utf8(handshakeThread + " " + serving + " " + version + "\n"));
      transport().loseConnection();
    }
  }

  @Test
  void spreadsTlsConnectionsOverItsReactorsKeepingEachOnOne() throws Exception {
    NioReactorGroup group = new NioReactorGroup(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ListeningPort port = group.listenTls(
        0, Factory.forProtocol(() -> new WhoServes(threads)), TlsFixture.SERVER_OPTIONS, 128, "127.0.0.1");
    int portNumber = ((IPv4Address) port.address()).port();
    Thread runner = Thread.ofPlatform().name("group-main").start(group::run);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, TrustRoots.of(List.of(TlsFixture.CA.certificate())).trustManagers(), null);

    try {
      for (int i = 0; i < 64 && threads.size() < 2; i++) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", portNumber)) {
          socket.setSoTimeout(10_000);
          socket.getOutputStream().write('?');
          String[] answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
              .split(" ");
          assertThat(answer).hasSize(3);
          assertThat(answer[0]).isIn("group-main", "twine-reactor-1").isEqualTo(answer[1]);
          assertThat(answer[2]).isEqualTo("TLSv1.3");
        }
      }
      assertThat(threads).containsExactlyInAnyOrder("group-main", "twine-reactor-1");
    } finally {
      port.stopListening();
      group.stop();
      runner.join(10_000);
    }
    assertThat(runner.isAlive()).isFalse();
    assertThat(group.reactors()).noneMatch(NioReactor::running);
  }

  @Test
  void failsAtOnceWhenThePortIsTaken() throws Exception {
    NioReactorGroup group = new NioReactorGroup(2);
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> group.listenTls(taken.getLocalPort(), Factory.forProtocol(() -> new Protocol() { }),
          TlsFixture.SERVER_OPTIONS, 50, "127.0.0.1"))
          .isInstanceOf(CannotListen.class);
    }
  }
}
