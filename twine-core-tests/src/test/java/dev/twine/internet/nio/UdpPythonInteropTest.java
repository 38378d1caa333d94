package dev.twine.internet.nio;

import static dev.twine.internet.nio.UdpFixtures.ipv6LoopbackAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.nio.UdpFixtures.Echo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Twine's UDP ports talk to peers no one here wrote: Python's socket module and Twisted. */
@Timeout(60)
class UdpPythonInteropTest {
  private static final String SOCKET_CLIENT = """
      import socket, sys
      host, port = sys.argv[1], int(sys.argv[2])
      s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_DGRAM)
      s.settimeout(10)
      s.sendto(b"hello from python", (host, port))
      data, sender = s.recvfrom(1024)
      print(data.decode(), sender[1], flush=True)
      """;

  private static final String SOCKET_SERVER = """
      import socket
      s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
      s.bind(("127.0.0.1", 0))
      s.settimeout(10)
      print(s.getsockname()[1], flush=True)
      data, sender = s.recvfrom(1024)
      s.sendto(data.upper(), sender)
      """;

  private static final String TWISTED_SERVER = """
      from twisted.internet import reactor
      from twisted.internet.protocol import DatagramProtocol
      class Echo(DatagramProtocol):
          def datagramReceived(self, data, addr):
              self.transport.write(b"twisted heard " + data, addr)
              reactor.callLater(0.2, reactor.stop)
      port = reactor.listenUDP(0, Echo(), interface="127.0.0.1")
      print(port.getHost().port, flush=True)
      reactor.callLater(10, reactor.stop)
      reactor.run()
      """;

  private static final String TWISTED_CLIENT = """
      import sys
      from twisted.internet import reactor
      from twisted.internet.protocol import DatagramProtocol
      class Client(DatagramProtocol):
          def startProtocol(self):
              self.transport.connect("127.0.0.1", int(sys.argv[1]))
              self.transport.write(b"from twisted")
          def datagramReceived(self, data, addr):
              print(data.decode(), addr[1], flush=True)
              reactor.stop()
          def connectionRefused(self):
              print("refused", flush=True)
              reactor.stop()
      reactor.listenUDP(0, Client())
      reactor.callLater(10, reactor.stop)
      reactor.run()
      """;

  private NioReactor reactor;
  private Thread loop;

  @BeforeEach
  void startReactor() {
    reactor = new NioReactor();
    loop = Thread.ofPlatform().name("udp-interop-reactor").start(reactor::run);
  }

  @AfterEach
  void stopReactor() throws InterruptedException {
    reactor.stop();
    loop.join(10_000);
  }

  /** Resolves with the first datagram it hears, as {@code "text from port"}. */
  static final class FirstReply extends DatagramProtocol {
    final CompletableFuture<String> reply = new CompletableFuture<>();

    @Override
    public void datagramReceived(Bytes data, Address from) {
      int port = from instanceof IPv4Address v4 ? v4.port() : ((IPv6Address) from).port();
      reply.complete(data.utf8() + " from " + port);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void aPythonSocketGetsItsDatagramEchoed(String loopback) throws Exception {
    assumeTrue(!loopback.equals("::1") || ipv6LoopbackAvailable(), "::1 is not available on this machine");
    String python = python("socket", "python3");
    int port = onReactor(() -> portOf(reactor.listenUdp(0, new Echo(), loopback, 8192)));

    try (PythonPeer peer = PythonPeer.start(python, SOCKET_CLIENT, loopback, port)) {
      assertThat(peer.nextLine()).isEqualTo("hello from python " + port);
    }
  }

  @Test
  void aConnectedPortTalksToAPythonSocket() throws Exception {
    String python = python("socket", "python3");
    try (PythonPeer peer = PythonPeer.start(python, SOCKET_SERVER)) {
      int pythonPort = Integer.parseInt(peer.nextLine());
      FirstReply client = new FirstReply();
      onReactor(() -> {
        DatagramTransport port = reactor.listenUdp(0, client, "127.0.0.1", 8192);
        port.connect("127.0.0.1", pythonPort);
        port.write(Bytes.utf8("shout"));
        return port;
      });

      assertThat(client.reply.get(20, TimeUnit.SECONDS)).isEqualTo("SHOUT from " + pythonPort);
    }
  }

  @Test
  void twistedsDatagramProtocolAnswersTwine() throws Exception {
    String python = python("twisted", "python3-twisted");
    try (PythonPeer peer = PythonPeer.start(python, TWISTED_SERVER)) {
      int twistedPort = Integer.parseInt(peer.nextLine());
      FirstReply client = new FirstReply();
      onReactor(() -> {
        DatagramTransport port = reactor.listenUdp(0, client, "127.0.0.1", 8192);
        port.write(Bytes.utf8("twine"), "127.0.0.1", twistedPort);
        return port;
      });

      assertThat(client.reply.get(20, TimeUnit.SECONDS)).isEqualTo("twisted heard twine from " + twistedPort);
    }
  }

  @Test
  void twistedsConnectedDatagramProtocolGetsItsDatagramEchoed() throws Exception {
    String python = python("twisted", "python3-twisted");
    int port = onReactor(() -> portOf(reactor.listenUdp(0, new Echo(), "127.0.0.1", 8192)));

    try (PythonPeer peer = PythonPeer.start(python, TWISTED_CLIENT, port)) {
      assertThat(peer.nextLine()).isEqualTo("from twisted " + port);
    }
  }

  /** Returns a Python that can import {@code module}, or skips the test saying what to install. */
  private static String python(String module, String debianPackage) {
    Optional<String> python = PythonPeer.interpreterWith(module);
    assumeTrue(python.isPresent(), "no python3 here can import " + module + ": install " + debianPackage);
    return python.get();
  }

  private static int portOf(DatagramTransport transport) {
    return transport.host() instanceof IPv4Address v4 ? v4.port() : ((IPv6Address) transport.host()).port();
  }

  /** Runs {@code work} on the reactor's thread and returns its result. */
  private <T> T onReactor(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    reactor.callFromThread(() -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }
}
