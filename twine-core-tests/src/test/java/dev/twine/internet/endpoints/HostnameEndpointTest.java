package dev.twine.internet.endpoints;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTcp;
import dev.twine.internet.ReactorThreads;
import dev.twine.internet.UnknownHost;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

@TwineTest
class HostnameEndpointTest {
  private static final InetAddress V6_A = address("2001:db8::a");
  private static final InetAddress V6_B = address("2001:db8::b");
  private static final InetAddress V4_A = address("192.0.2.1");
  private static final InetAddress V4_B = address("192.0.2.2");
  private static final InetAddress V4_C = address("192.0.2.3");

  private final Clock clock;
  private final RecordingTcp tcp = new RecordingTcp();
  private final ManualThreads threads = new ManualThreads();
  private final List<Protocol> built = new ArrayList<>();
  private final Factory factory = address -> {
    Protocol protocol = new Protocol() { };
    built.add(protocol);
    return protocol;
  };

  HostnameEndpointTest(Clock clock) {
    this.clock = clock;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private HostnameEndpoint endpoint(HostnameEndpoint.Resolver resolver) {
    return new HostnameEndpoint(clock, threads, tcp, "example.com", 443, ofSeconds(10), null, resolver);
  }

  private HostnameEndpoint resolvingTo(InetAddress... addresses) {
    return endpoint(host -> List.of(addresses));
  }

  @Test
  void interleavesTheFamiliesStartingWithTheFirstAddressesFamily() {
    assertThat(HostnameEndpoint.interleave(List.of(V6_A, V6_B, V4_A, V4_B, V4_C)))
        .containsExactly(V6_A, V4_A, V6_B, V4_B, V4_C);
    assertThat(HostnameEndpoint.interleave(List.of(V4_A, V6_A, V6_B, V4_B)))
        .containsExactly(V4_A, V6_A, V4_B, V6_B);
    assertThat(HostnameEndpoint.interleave(List.of(V4_A, V4_B, V4_C))).containsExactly(V4_A, V4_B, V4_C);
    assertThat(HostnameEndpoint.interleave(List.of(V6_B, V6_A))).containsExactly(V6_B, V6_A);
    assertThat(HostnameEndpoint.interleave(List.of())).isEmpty();
  }

  @Test
  void resolvesOffTheReactorThreadAndConnectsOnceTheAddressesArrive() {
    List<String> resolvedOn = new ArrayList<>();
    Deferred<Protocol> connecting = endpoint(host -> {
      resolvedOn.add(host);
      return List.of(V4_A);
    }).connect(factory);
    assertThat(resolvedOn).isEmpty();

    threads.runQueued();

    assertThat(resolvedOn).containsExactly("example.com");
    assertThat(tcp.hosts()).containsExactly("192.0.2.1");
    assertThat(tcp.attempts.get(0).port).isEqualTo(443);
    assertThat(tcp.attempts.get(0).timeout).isEqualTo(ofSeconds(10));
    tcp.attempts.get(0).complete();
    assertThat(successResultOf(connecting)).isSameAs(built.get(0));
  }

  @Test
  void startsEachAttempt250MillisecondsAfterThePreviousInInterleavedOrder() {
    Deferred<Protocol> connecting = resolvingTo(V6_A, V6_B, V4_A).connect(factory);
    threads.runQueued();
    assertThat(tcp.hosts()).containsExactly(V6_A.getHostAddress());

    clock.advance(ofMillis(249));
    assertThat(tcp.attempts).hasSize(1);
    clock.advance(ofMillis(1));
    assertThat(tcp.hosts()).containsExactly(V6_A.getHostAddress(), V4_A.getHostAddress());
    clock.advance(ofMillis(250));
    assertThat(tcp.hosts()).containsExactly(V6_A.getHostAddress(), V4_A.getHostAddress(), V6_B.getHostAddress());

    assertThat(clock.pendingCalls()).isEmpty();
    tcp.attempts.get(2).complete();
    successResultOf(connecting);
  }

  @Test
  void aFailedAttemptStartsTheNextAtOnce() {
    Deferred<Protocol> connecting = resolvingTo(V4_A, V4_B, V4_C).connect(factory);
    threads.runQueued();
    clock.advance(ofMillis(100));

    tcp.attempts.get(0).refuse();

    assertThat(tcp.hosts()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(clock.pendingCalls()).singleElement()
        .satisfies(call -> assertThat(call.time()).isEqualTo(0.35));
    tcp.attempts.get(1).complete();
    successResultOf(connecting);
  }

  @Test
  void theFirstToConnectWinsAndTheOthersAreStopped() {
    Deferred<Protocol> connecting = resolvingTo(V4_A, V4_B, V4_C).connect(factory);
    threads.runQueued();
    clock.advance(ofMillis(250));

    tcp.attempts.get(1).complete();

    assertThat(successResultOf(connecting)).isSameAs(built.get(0));
    assertThat(built.get(0).transport()).isSameAs(tcp.attempts.get(1).transport);
    assertThat(tcp.attempts.get(0).state).isEqualTo(Connector.State.DISCONNECTED);
    assertThat(tcp.attempts.get(1).state).isEqualTo(Connector.State.CONNECTED);
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(tcp.attempts).hasSize(2);
  }

  @Test
  void aConnectionThatCompletesAfterTheWinnerIsRefused() {
    Deferred<Protocol> connecting = resolvingTo(V4_A, V4_B).connect(factory);
    threads.runQueued();
    clock.advance(ofMillis(250));
    tcp.attempts.get(0).complete();

    Protocol late = tcp.attempts.get(1).factory.buildProtocol(new IPv4Address(AddressType.TCP, "192.0.2.2", 443));

    assertThat(late).isNull();
    assertThat(built).hasSize(1);
    successResultOf(connecting);
  }

  @Test
  void whenEveryAttemptFailsItFailsWithTheLastConnectError() {
    Deferred<Protocol> connecting = resolvingTo(V4_A, V6_A).connect(factory);
    threads.runQueued();
    clock.advance(ofMillis(250));
    assertThat(tcp.attempts).hasSize(2);

    tcp.attempts.get(1).refuse();
    assertNoResult(connecting);
    tcp.attempts.get(0).refuse();

    assertThat(failureResultOf(connecting, ConnectionRefused.class).message()).isEqualTo("refused 1");
  }

  @Test
  void aFailureThatIsNotAConnectErrorIsWrappedInOne() {
    Deferred<Protocol> connecting = resolvingTo(V4_A).connect(factory);
    threads.runQueued();

    tcp.attempts.get(0).fail(new IllegalStateException("odd"));

    Failure failure = failureResultOf(connecting, ConnectError.class);
    assertThat(failure.message()).isEqualTo("cannot connect to example.com:443");
    assertThat(failure.exception()).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void attemptsThatFailAtOnceLeaveNoTimerBehind() {
    tcp.refusedAtOnce.add("192.0.2.1");
    tcp.refusedAtOnce.add("192.0.2.3");
    Deferred<Protocol> connecting = resolvingTo(V4_A, V4_B, V4_C).connect(factory);
    threads.runQueued();

    assertThat(tcp.hosts()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(clock.pendingCalls()).singleElement()
        .satisfies(call -> assertThat(call.time()).isEqualTo(0.25));
    clock.advance(ofMillis(250));
    assertThat(tcp.hosts()).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
    assertThat(clock.pendingCalls()).isEmpty();
    tcp.attempts.get(1).refuse();

    assertThat(failureResultOf(connecting, ConnectionRefused.class).message()).isEqualTo("refused 2");
  }

  @Test
  void aWinnerWhoseFactoryRefusesTheConnectionFailsTheConnect() {
    Deferred<Protocol> connecting = resolvingTo(V4_A, V4_B).connect(address -> null);
    threads.runQueued();

    tcp.attempts.get(0).complete();

    assertThat(failureResultOf(connecting, ConnectError.class).message()).contains("refused by the factory");
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(tcp.attempts).hasSize(1);
  }

  @Test
  void aNameThatDoesNotResolveFailsWithUnknownHost() {
    Deferred<Protocol> unknown = endpoint(host -> {
      throw new UnknownHostException(host + ": Name or service not known");
    }).connect(factory);
    Deferred<Protocol> empty = resolvingTo().connect(factory);
    Deferred<Protocol> forbidden = endpoint(host -> {
      throw new SecurityException("no lookups here");
    }).connect(factory);
    threads.runQueued();

    Failure failure = failureResultOf(unknown, UnknownHost.class);
    assertThat(failure.message()).isEqualTo("cannot resolve host name: example.com");
    assertThat(failure.exception()).hasCauseInstanceOf(UnknownHostException.class);
    failureResultOf(empty, UnknownHost.class);
    assertThat(failureResultOf(forbidden, UnknownHost.class).exception())
        .hasCauseInstanceOf(SecurityException.class);
    assertThat(tcp.attempts).isEmpty();
  }

  @Test
  void cancellingStopsEveryAttemptAndStartsNoMore() {
    Deferred<Protocol> connecting = resolvingTo(V4_A, V4_B, V4_C).connect(factory);
    threads.runQueued();
    clock.advance(ofMillis(250));

    connecting.cancel();

    Failure failure = failureResultOf(connecting, ConnectError.class);
    assertThat(failure.exception()).hasCauseInstanceOf(CancelledException.class);
    assertThat(tcp.attempts).hasSize(2)
        .allSatisfy(attempt -> assertThat(attempt.state).isEqualTo(Connector.State.DISCONNECTED));
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(built).isEmpty();
  }

  @Test
  void cancellingWhileResolvingIgnoresTheAddressesThatArriveLater() {
    Deferred<Protocol> connecting = resolvingTo(V4_A).connect(factory);

    connecting.cancel();
    threads.runQueued();

    failureResultOf(connecting, ConnectError.class);
    assertThat(tcp.attempts).isEmpty();
  }

  @Test
  void describesItself() {
    HostnameEndpoint endpoint = new HostnameEndpoint(clock, threads, tcp, "example.com", 443, ofSeconds(3),
        new IPv4Address(AddressType.TCP, "10.0.0.1", 0), host -> List.of());

    assertThat(endpoint.host()).isEqualTo("example.com");
    assertThat(endpoint.port()).isEqualTo(443);
    assertThat(endpoint.timeout()).isEqualTo(ofSeconds(3));
    assertThat(endpoint.bindAddress()).contains(new IPv4Address(AddressType.TCP, "10.0.0.1", 0));
    assertThat(endpoint).hasToString("HostnameEndpoint[example.com:443]");
    assertThat(resolvingTo().bindAddress()).isEmpty();
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatThrownBy(() -> new HostnameEndpoint(clock, threads, tcp, "example.com", 0, ofSeconds(3), null,
        host -> List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 1 to 65535: 0");
  }

  /** Runs work for other threads when the test says, and calls for the reactor thread at once. */
  static final class ManualThreads implements ReactorThreads {
    final Queue<Runnable> queued = new ArrayDeque<>();

    @Override
    public void callFromThread(Runnable call) {
      call.run();
    }

    @Override
    public void callInThread(Runnable call) {
      queued.add(call);
    }

    @Override
    public boolean inReactorThread() {
      return true;
    }

    void runQueued() {
      Runnable next;
      while ((next = queued.poll()) != null) {
        next.run();
      }
    }
  }

  /** Records connection attempts, which the test completes by hand. */
  static final class RecordingTcp implements ReactorTcp {
    final List<Attempt> attempts = new ArrayList<>();
    final Set<String> refusedAtOnce = new HashSet<>();

    @Override
    public ListeningPort listenTcp(int port, Factory factory, int backlog, String interfaceAddress) {
      throw new UnsupportedOperationException("HostnameEndpoint only connects");
    }

    @Override
    public Connector connectTcp(String host, int port, ClientFactory factory, Duration timeout, Address bindAddress) {
      Attempt attempt = new Attempt(host, port, factory, timeout, attempts.size() + 1);
      attempts.add(attempt);
      if (refusedAtOnce.contains(host)) {
        attempt.refuse();
      }
      return attempt;
    }

    List<String> hosts() {
      return attempts.stream().map(attempt -> attempt.host).toList();
    }
  }

  /** One connection attempt, completed by the test; it follows the {@link Connector} contract. */
  static final class Attempt implements Connector {
    final String host;
    final int port;
    final ClientFactory factory;
    final Duration timeout;
    final int number;
    State state = State.CONNECTING;
    StringTransport transport;

    Attempt(String host, int port, ClientFactory factory, Duration timeout, int number) {
      this.host = host;
      this.port = port;
      this.factory = factory;
      this.timeout = timeout;
      this.number = number;
    }

    @Override
    public Address destination() {
      return host.contains(":")
          ? new IPv6Address(AddressType.TCP, host, port) : new IPv4Address(AddressType.TCP, host, port);
    }

    @Override
    public State state() {
      return state;
    }

    /** Completes the attempt as the reactor does: builds the protocol and connects it. */
    void complete() {
      assertThat(state).isEqualTo(State.CONNECTING);
      Protocol protocol = factory.buildProtocol(destination());
      if (protocol == null) {
        fail(new ConnectError("the connection to " + destination() + " was refused by the factory", null));
        return;
      }
      state = State.CONNECTED;
      transport = new StringTransport();
      protocol.makeConnection(transport);
    }

    void refuse() {
      fail(new ConnectionRefused("refused " + number, null));
    }

    void fail(RuntimeException reason) {
      state = State.DISCONNECTED;
      factory.clientConnectionFailed(this, Failure.of(reason));
    }

    @Override
    public void stopConnecting() {
      if (state != State.CONNECTING) {
        throw new IllegalStateException("not connecting but " + state);
      }
      fail(new ConnectError("stopped", new CancelledException("connection attempt cancelled")));
    }

    @Override
    public void disconnect() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void connect() {
      throw new UnsupportedOperationException();
    }
  }
}
