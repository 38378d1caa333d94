package dev.twine.internet.endpoints;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.CannotListen;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.nio.NioReactor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TypedEndpointsLoopbackTest {
  private final List<String> events = new ArrayList<>();
  private final Factory echo = Factory.forProtocol(() -> new Protocol() {
    @Override
    public void dataReceived(Bytes data) {
      transport().write(data);
    }
  });

  /** Records its events and fires {@code received} with the first data. */
  final class Recorder extends Protocol {
    final Deferred<String> received = new Deferred<>();

    @Override
    public void connectionMade() {
      events.add("made");
    }

    @Override
    public void dataReceived(Bytes data) {
      events.add("data " + data.utf8());
      received.callback(data.utf8());
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost");
    }
  }

  private static Deferred<ListeningPort> listenTcp(NioReactor reactor, Factory factory) {
    return new TcpServerEndpoint(reactor, 0, 50, "127.0.0.1").listen(factory);
  }

  private static TcpClientEndpoint clientOf(NioReactor reactor, ListeningPort port) {
    return new TcpClientEndpoint(reactor, "127.0.0.1", ((IPv4Address) port.address()).port(), ofSeconds(5), null);
  }

  /** Writes {@code text} through {@code protocol} and returns the Deferred of what comes back. */
  private Deferred<String> ping(Protocol protocol, String text) {
    events.add("connected");
    Recorder recorder = (Recorder) protocol;
    recorder.transport().write(Bytes.utf8(text));
    return recorder.received;
  }

  @Test
  void tcpEndpointsConnectAndExchangeDataFiringAfterConnectionMade() {
    String reply = Loopback.value(reactor -> listenTcp(reactor, echo)
        .flatMap(port -> clientOf(reactor, port).connect(address -> new Recorder()))
        .flatMap(protocol -> ping(protocol, "ping")));

    assertThat(reply).isEqualTo("ping");
    assertThat(events).as("the reactor closes the connection when it stops")
        .containsExactly("made", "connected", "data ping", "lost");
  }

  @Test
  void connectProtocolConnectsThatVeryProtocol() {
    Recorder mine = new Recorder();

    Recorder connected = Loopback.value(reactor -> listenTcp(reactor, echo)
        .flatMap(port -> clientOf(reactor, port).connectProtocol(mine)));

    assertThat(connected).isSameAs(mine);
    assertThat(mine.connected()).isTrue();
    assertThat(events).startsWith("made");
  }

  @Test
  void cancellingAPendingConnectAbandonsTheAttempt() {
    AtomicInteger built = new AtomicInteger();

    Throwable failure = Loopback.failure(reactor -> listenTcp(reactor, echo).flatMap(port -> {
      Deferred<Protocol> connecting = clientOf(reactor, port).connect(address -> {
        built.incrementAndGet();
        return new Recorder();
      });
      connecting.cancel();
      return connecting;
    }));

    assertThat(failure).isInstanceOf(ConnectError.class).hasCauseInstanceOf(CancelledException.class);
    assertThat(built).hasValue(0);
  }

  @Test
  void connectingWhereNothingListensFailsWithConnectionRefused() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }

    Throwable failure = Loopback.failure(reactor ->
        new TcpClientEndpoint(reactor, "127.0.0.1", free, ofSeconds(5), null).connect(address -> new Recorder()));

    assertThat(failure).isInstanceOf(ConnectionRefused.class);
    assertThat(events).isEmpty();
  }

  @Test
  void listeningOnAPortInUseFailsWithCannotListen() {
    Throwable failure = Loopback.failure(reactor -> listenTcp(reactor, echo).flatMap(port ->
        new TcpServerEndpoint(reactor, ((IPv4Address) port.address()).port(), 50, "127.0.0.1").listen(echo)));

    assertThat(failure).isInstanceOf(CannotListen.class).hasMessageStartingWith("cannot listen on 127.0.0.1:");
  }

  @Test
  void aFactoryThatRefusesTheConnectionFailsTheConnect() {
    Throwable failure = Loopback.failure(reactor -> listenTcp(reactor, echo)
        .flatMap(port -> clientOf(reactor, port).connect(address -> null)));

    assertThat(failure).isInstanceOf(ConnectError.class).hasMessageContaining("refused");
  }

  @Test
  void aFactoryThatThrowsFailsTheConnectWithItsException() {
    Throwable failure = Loopback.failure(reactor -> listenTcp(reactor, echo)
        .flatMap(port -> clientOf(reactor, port).connect(address -> {
          throw new IllegalStateException("no protocol today");
        })));

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("no protocol today");
  }

  @Test
  void aProtocolWhoseConnectionMadeThrowsFailsTheConnectWithItsException() {
    Throwable failure = Loopback.failure(reactor -> listenTcp(reactor, echo)
        .flatMap(port -> clientOf(reactor, port).connect(address -> new Protocol() {
          @Override
          public void connectionMade() {
            throw new IllegalStateException("cannot greet");
          }
        })));

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("cannot greet");
  }

  @Test
  void unixEndpointsConnectAndExchangeDataAndTheSocketFileGoesWithThePort(@TempDir Path dir)
      throws IOException {
    Path socket = dir.resolve("echo.sock");
    List<String> seen = new ArrayList<>();

    String reply = Loopback.value(reactor -> new UnixServerEndpoint(reactor, socket, 50, 0600, true)
        .listen(echo)
        .flatMap(port -> {
          seen.add("socket " + Files.exists(socket) + ", lock " + Files.exists(dir.resolve("echo.sock.lock")));
          return new UnixClientEndpoint(reactor, socket, ofSeconds(5)).connect(address -> new Recorder())
              .flatMap(protocol -> ping(protocol, "over unix"))
              .flatMap(data -> port.stopListening().map(stopped -> data));
        }));

    assertThat(reply).isEqualTo("over unix");
    assertThat(seen).containsExactly("socket true, lock true");
    assertThat(dir.resolve("echo.sock")).doesNotExist();
    assertThat(dir.resolve("echo.sock.lock")).doesNotExist();
  }

  @Test
  void aUnixSocketIsCreatedWithTheGivenMode(@TempDir Path dir) {
    Path socket = dir.resolve("private.sock");
    List<String> modes = new ArrayList<>();

    Loopback.value(reactor -> new UnixServerEndpoint(reactor, socket, 50, 0640, false).listen(echo)
        .flatMap(port -> {
          try {
            modes.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return port.stopListening();
        }));

    assertThat(modes).containsExactly("rw-r-----");
  }

  @Test
  void connectingToAMissingUnixSocketFails(@TempDir Path dir) {
    Throwable failure = Loopback.failure(reactor ->
        new UnixClientEndpoint(reactor, dir.resolve("nobody.sock"), ofSeconds(5)).connect(address -> new Recorder()));

    assertThat(failure).isInstanceOf(ConnectError.class);
    assertThat(events).isEmpty();
  }
}
