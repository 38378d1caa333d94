package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.nio.NioReactor;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HAProxy in front of a Twine server: with {@code send-proxy} and {@code send-proxy-v2},
 * the server's protocol sees the address of the client that connected to HAProxy, not
 * HAProxy's. Skipped when {@code haproxy} is not installed.
 */
@Timeout(60)
class ProxyProtocolHaproxyTest {
  /** The client connects from this loopback address, so it cannot be mistaken for HAProxy's. */
  private static final String CLIENT_HOST = "127.0.0.2";

  @TempDir
  Path directory;

  private final NioReactor reactor = new NioReactor();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private Process haproxy;

  @BeforeEach
  void startReactor() {
    Thread.ofPlatform().name("haproxy-test-reactor").daemon().start(() -> {
      reactor.run();
      stopped.complete(null);
    });
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (haproxy != null) {
      haproxy.destroy();
      haproxy.waitFor(10, TimeUnit.SECONDS);
    }
    reactor.callFromThread(reactor::stop);
    stopped.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theServerSeesTheClientBehindHaproxyWithBothVersions() throws Exception {
    String executable = findHaproxy();
    assumeTrue(executable != null, "skipped: install haproxy (the Debian package haproxy) to run this test");

    int server = listen();
    int v1 = freePort();
    int v2 = freePort();
    Path config = directory.resolve("haproxy.cfg");
    Files.writeString(config, """
        global
          maxconn 64
        defaults
          mode tcp
          timeout connect 5s
          timeout client 10s
          timeout server 10s
        frontend v1
          bind 127.0.0.1:%d
          default_backend twine_v1
        backend twine_v1
          server twine 127.0.0.1:%d send-proxy
        frontend v2
          bind 127.0.0.1:%d
          default_backend twine_v2
        backend twine_v2
          server twine 127.0.0.1:%d send-proxy-v2
        """.formatted(v1, server, v2, server));
    haproxy = new ProcessBuilder(executable, "-db", "-f", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("haproxy.log").toFile())
        .start();

    for (int port : new int[] {v1, v2}) {
      try (Socket client = connectThroughHaproxy(port)) {
        String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(answer).as("through the frontend on port %d", port)
            .isEqualTo("you are TCP:" + CLIENT_HOST + ":" + client.getLocalPort() + "\r\n");
      }
    }
  }

  /** Starts the Twine server on the reactor: it tells each client its address, then closes. */
  private int listen() throws Exception {
    Factory tellPeer = Factory.forProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().write(Bytes.ascii("you are " + transport().peer() + "\r\n"));
        transport().loseConnection();
      }
    });
    CompletableFuture<ListeningPort> port = new CompletableFuture<>();
    reactor.callFromThread(() -> port.complete(reactor.listenTcp(0,
        new ProxyProtocolFactory(tellPeer, reactor, ProxyProtocolOptions.DEFAULT), 50, "127.0.0.1")));
    return ((IPv4Address) port.get(10, TimeUnit.SECONDS).address()).port();
  }

  /** Connects to HAProxy's frontend from {@link #CLIENT_HOST}, retrying while HAProxy starts. */
  private Socket connectThroughHaproxy(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Socket socket = new Socket();
      try {
        socket.bind(new InetSocketAddress(InetAddress.getByName(CLIENT_HOST), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
      } catch (IOException e) {
        socket.close();
        if (!haproxy.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("haproxy did not accept connections: "
              + Files.readString(directory.resolve("haproxy.log")), e);
        }
        Thread.sleep(50);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String findHaproxy() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
      File candidate = new File(dir, "haproxy");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }
}
