package dev.twine.internet.nio;

import static dev.twine.internet.nio.RunningReactor.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.UnknownHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How TCP connection attempts of the NIO reactor succeed and fail, over the loopback interface. */
@Timeout(10)
class TcpConnectTest {
  private final RunningReactor running = new RunningReactor();
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    running.close();
    for (AutoCloseable resource : cleanup) {
      resource.close();
    }
  }

  /** A client factory that logs each step of its attempts and hands over how the first ends. */
  private static final class Attempts implements ClientFactory {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Failure> failed = new CompletableFuture<>();
    final Recorder protocol = new Recorder();

    @Override
    public Protocol buildProtocol(Address address) {
      log.add("build " + address);
      return protocol;
    }

    @Override
    public void startedConnecting(Connector connector) {
      log.add("started");
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
      log.add("failed " + reason.type().getSimpleName() + " " + connector.state());
      failed.complete(reason);
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
      log.add("lost " + reason.type().getSimpleName() + " " + connector.state());
    }
  }

  @Test
  void connectingToAPortNobodyListensOnIsRefused() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Attempts factory = new Attempts();
    running.run(() -> running.reactor.connectTcp("127.0.0.1", port, factory, Duration.ofSeconds(5), null));

    assertThat(await(factory.failed).exception()).isInstanceOf(ConnectionRefused.class);
    assertThat(factory.log).containsExactly("started", "failed ConnectionRefused DISCONNECTED");
  }

  @Test
  void anAttemptThatGetsNoAnswerTimesOut() throws IOException {
    InetSocketAddress target = fullBacklog();
    Attempts factory = new Attempts();
    running.run(() -> running.reactor.connectTcp(
        target.getAddress().getHostAddress(), target.getPort(), factory, Duration.ofMillis(100), null));

    assertThat(await(factory.failed).exception()).isInstanceOf(ConnectTimedOut.class)
        .hasMessageContaining(target.getAddress().getHostAddress() + ":" + target.getPort());
  }

  @Test
  void stopConnectingAbandonsTheAttempt() throws IOException {
    InetSocketAddress target = fullBacklog();
    Attempts factory = new Attempts();
    Connector connector = running.call(() -> running.reactor.connectTcp(
        target.getAddress().getHostAddress(), target.getPort(), factory, Duration.ofSeconds(30), null));
    running.run(connector::stopConnecting);

    assertThat(await(factory.failed).exception()).isExactlyInstanceOf(ConnectError.class)
        .hasCauseInstanceOf(CancelledException.class);
    assertThat(running.call(connector::state)).isEqualTo(Connector.State.DISCONNECTED);
  }

  @Test
  void aHostNameThatDoesNotResolveFailsWithUnknownHost() {
    Attempts factory = new Attempts();
    running.run(() -> running.reactor.connectTcp("no-such-host.invalid", 80, factory, Duration.ofSeconds(5), null));

    assertThat(await(factory.failed).exception()).isInstanceOf(UnknownHost.class)
        .hasMessageContaining("no-such-host.invalid");
  }

  @Test
  void aHostNameIsResolvedAndTheConnectorFollowsTheConnection() {
    ListeningPort port = running.call(() ->
        running.reactor.listenTcp(0, Factory.forProtocol(Recorder::new), 50, "127.0.0.1"));
    int number = ((IPv4Address) port.address()).port();
    Attempts factory = new Attempts();
    Connector connector = running.call(() -> running.reactor.connectTcp("localhost", number, factory));
    await(factory.protocol.made);
    assertThat(running.call(connector::state)).isEqualTo(Connector.State.CONNECTED);
    assertThat(connector.destination()).isEqualTo(new IPv4Address(AddressType.TCP, "localhost", number));

    running.run(connector::disconnect);

    await(factory.protocol.lost);
    assertThat(running.call(() -> List.copyOf(factory.log))).containsExactly(
        "started", "build " + new IPv4Address(AddressType.TCP, "127.0.0.1", number),
        "lost ConnectionDone DISCONNECTED");
  }

  @Test
  void listeningOnPortZeroReportsThePortItGot() throws IOException {
    ListeningPort port = running.call(() ->
        running.reactor.listenTcp(0, Factory.forProtocol(Recorder::new), 50, "127.0.0.1"));
    IPv4Address address = (IPv4Address) port.address();
    assertThat(address.port()).isPositive();
    assertThat(address.host()).isEqualTo("127.0.0.1");
    try (Socket socket = new Socket("127.0.0.1", address.port())) {
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void shutdownAbandonsAConnectionAttemptInsteadOfWaitingForItsGracePeriod() throws IOException {
    InetSocketAddress hanging = fullBacklog();
    NioReactor reactor = new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofSeconds(30)));
    RunningReactor slowToStop = new RunningReactor(reactor);
    Attempts attempts = new Attempts();
    slowToStop.run(() -> reactor.connectTcp("127.0.0.1", hanging.getPort(), attempts, Duration.ofSeconds(30), null));
    long start = System.nanoTime();

    reactor.stop();
    await(slowToStop.exited());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(await(attempts.failed).exception()).isInstanceOf(ConnectError.class)
        .hasCauseInstanceOf(CancelledException.class);
  }

  /**
   * Returns the address of a listening socket that never accepts and whose backlog is full, so
   * that the kernel ignores new attempts to connect to it; skips the test where it does not.
   */
  private InetSocketAddress fullBacklog() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    cleanup.add(server);
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      cleanup.add(filler);
      try {
        filler.connect(server.getLocalSocketAddress(), 200);
      } catch (SocketTimeoutException full) {
        return (InetSocketAddress) server.getLocalSocketAddress();
      }
    }
    assumeTrue(false, "skipped: this OS completes connections beyond a full listen backlog,"
        + " so no attempt can be made to hang deterministically");
    throw new AssertionError("unreachable");
  }
}
