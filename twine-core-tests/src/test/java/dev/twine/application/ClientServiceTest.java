package dev.twine.application;

import static dev.twine.application.BackoffTest.fixed;
import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofNanos;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Factory;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@TwineTest
class ClientServiceTest {
  private final Clock clock;
  private final FakeEndpoint endpoint;
  private final List<Recording> built = new ArrayList<>();
  private final Factory factory = address -> {
    Recording protocol = new Recording();
    built.add(protocol);
    return protocol;
  };

  ClientServiceTest(Clock clock) {
    this.clock = clock;
    this.endpoint = new FakeEndpoint(clock);
  }

  /** Twisted's default policy, with jitter drawn as 0.5: waits of 1.5, 2, 2.75, 3.875 s... */
  private ClientService service() {
    return service(Backoff.DEFAULT);
  }

  private ClientService service(Backoff backoff) {
    return new ClientService(endpoint, factory, clock, backoff, fixed(0.5));
  }

  /** Asserts that no attempt starts until {@code wait} has passed, and that one starts then. */
  private void assertNextAttemptAfter(Duration wait) {
    int before = endpoint.attempts.size();
    clock.advance(wait.minus(ofNanos(1)));
    assertThat(endpoint.attempts).as("attempts before %s", wait).hasSize(before);
    clock.advance(ofNanos(1));
    assertThat(endpoint.attempts).as("attempts after %s", wait).hasSize(before + 1);
  }

  @Test
  void connectsWhenStartedAndNotBefore() {
    ClientService service = service();
    assertThat(endpoint.attempts).isEmpty();
    assertThat(service.running()).isFalse();

    service.startService();
    service.startService();

    assertThat(endpoint.attempts).hasSize(1);
    assertThat(service.running()).isTrue();
    successResultOf(service.stopService());
  }

  @Test
  void whenConnectedBeforeTheConnectionFiresWithTheFactorysProtocolOnceItIsMade() {
    ClientService service = service();
    Deferred<Protocol> early = service.whenConnected();
    service.startService();
    Deferred<Protocol> waiting = service.whenConnected();
    assertNoResult(early);
    assertNoResult(waiting);

    endpoint.last().connect();

    Recording protocol = built.get(0);
    assertThat(successResultOf(early)).isSameAs(protocol);
    assertThat(successResultOf(waiting)).isSameAs(protocol);
    assertThat(protocol.events).containsExactly("made");
    assertThat(successResultOf(service.whenConnected())).isSameAs(protocol);
    endpoint.last().lose(new ConnectionDone("done"));
    successResultOf(service.stopService());
  }

  @Test
  void retriesAFailedAttemptAfterEachWaitOfTheBackoff() {
    ClientService service = service();
    service.startService();

    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(1500));
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(2000));
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(2750));
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(3875));

    assertThat(endpoint.attemptTimes()).containsExactly(0.0, 1.5, 3.5, 6.25, 10.125);
    successResultOf(service.stopService());
    assertThat(endpoint.last().cancelled).isTrue();
  }

  @Test
  void theWaitStopsGrowingAtTheMax() {
    ClientService service = service(new Backoff(ofSeconds(1), ofSeconds(5), 2, ZERO, Integer.MAX_VALUE));
    service.startService();

    for (Duration wait : List.of(ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(5), ofSeconds(5))) {
      endpoint.last().refuse();
      assertNextAttemptAfter(wait);
    }
    successResultOf(service.stopService());
  }

  @Test
  void aLostConnectionIsRetriedAfterTheInitialWaitAgain() {
    ClientService service = service();
    service.startService();
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(1500));
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(2000));
    endpoint.last().connect();

    endpoint.last().lose(new ConnectionLost("reset", null));

    assertThat(built.get(0).events).containsExactly("made", "lost ConnectionLost");
    assertNextAttemptAfter(ofMillis(1500));
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(2000));
    successResultOf(service.stopService());
  }

  @Test
  void whenConnectedAfterALossWaitsForTheNextConnection() {
    ClientService service = service();
    service.startService();
    endpoint.last().connect();
    endpoint.last().lose(new ConnectionDone("bye"));

    Deferred<Protocol> next = service.whenConnected();
    assertNoResult(next);
    clock.advance(ofMillis(1500));
    endpoint.last().connect();

    assertThat(successResultOf(next)).isSameAs(built.get(1)).isNotSameAs(built.get(0));
    endpoint.last().lose(new ConnectionDone("bye"));
    successResultOf(service.stopService());
  }

  @Test
  void whenConnectedWithFailAfterFailuresFailsWithTheFailureThatReachesTheCount() {
    ClientService service = service();
    Deferred<Protocol> afterOne = service.whenConnected(1);
    Deferred<Protocol> afterTwo = service.whenConnected(2);
    Deferred<Protocol> forever = service.whenConnected();
    service.startService();

    endpoint.last().refuse();
    assertThat(failureResultOf(afterOne, ConnectionRefused.class).message()).isEqualTo("refused 1");
    assertNoResult(afterTwo);
    clock.advance(ofMillis(1500));
    endpoint.last().refuse();
    assertThat(failureResultOf(afterTwo, ConnectionRefused.class).message()).isEqualTo("refused 2");
    assertNoResult(forever);

    clock.advance(ofMillis(2000));
    endpoint.last().connect();
    assertThat(successResultOf(forever)).isSameAs(built.get(0));
    endpoint.last().lose(new ConnectionDone("bye"));
    successResultOf(service.stopService());
  }

  @Test
  void failAfterFailuresMustBePositive() {
    ClientService service = service();

    assertThatThrownBy(() -> service.whenConnected(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failAfterFailures must be at least 1: 0");
  }

  @Test
  void givesUpAfterTheMaximumRetriesFailingTheWaitersWithTheLastFailure() {
    ClientService service = service(Backoff.DEFAULT.withMaxRetries(2));
    Deferred<Protocol> waiting = service.whenConnected();
    service.startService();

    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(1500));
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(2000));
    endpoint.last().refuse();

    assertThat(failureResultOf(waiting, ConnectionRefused.class).message()).isEqualTo("refused 3");
    assertThat(clock.pendingCalls()).isEmpty();
    clock.advance(ofSeconds(3600));
    assertThat(endpoint.attempts).hasSize(3);
    assertThat(service.running()).isTrue();
    assertThat(failureResultOf(service.whenConnected(), ConnectionRefused.class).message())
        .isEqualTo("refused 3");

    service.startService();
    assertThat(endpoint.attempts).as("start while it runs does nothing").hasSize(3);
    successResultOf(service.stopService());
    service.startService();
    assertThat(endpoint.attempts).as("a new start tries anew").hasSize(4);
    endpoint.last().connect();
    assertThat(successResultOf(service.whenConnected())).isSameAs(built.get(0));
    endpoint.last().lose(new ConnectionDone("bye"));
    successResultOf(service.stopService());
  }

  @Test
  void retriesAreCountedFromTheLastConnection() {
    ClientService service = service(Backoff.DEFAULT.withMaxRetries(1));
    service.startService();
    endpoint.last().refuse();
    assertNextAttemptAfter(ofMillis(1500));
    endpoint.last().connect();

    endpoint.last().lose(new ConnectionLost("reset", null));
    assertNextAttemptAfter(ofMillis(1500));
    endpoint.last().refuse();

    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(failureResultOf(service.whenConnected(), ConnectionRefused.class).message())
        .isEqualTo("refused 3");
    successResultOf(service.stopService());
  }

  @Test
  void withNoRetriesALostConnectionIsNotReplaced() {
    ClientService service = service(Backoff.DEFAULT.withMaxRetries(0));
    service.startService();
    endpoint.last().connect();

    endpoint.last().lose(new ConnectionLost("reset", null));

    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(failureResultOf(service.whenConnected(), ConnectionLost.class).message()).isEqualTo("reset");
    successResultOf(service.stopService());
  }

  @Test
  void stoppingDuringTheWaitCancelsTheRetryAndTheWaiters() {
    ClientService service = service();
    service.startService();
    endpoint.last().refuse();
    Deferred<Protocol> waiting = service.whenConnected();

    Deferred<Void> stopped = service.stopService();

    successResultOf(stopped);
    failureResultOf(waiting, CancelledException.class);
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(service.running()).isFalse();
    failureResultOf(service.whenConnected(), CancelledException.class);
    clock.advance(ofSeconds(60));
    assertThat(endpoint.attempts).hasSize(1);
  }

  @Test
  void stoppingDuringAnAttemptCancelsItAndDoesNotRetry() {
    ClientService service = service();
    service.startService();
    Deferred<Protocol> waiting = service.whenConnected(1);

    Deferred<Void> stopped = service.stopService();

    assertThat(endpoint.last().cancelled).isTrue();
    successResultOf(stopped);
    failureResultOf(waiting, CancelledException.class);
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(endpoint.attempts).hasSize(1);
  }

  @Test
  void stoppingWhileConnectedClosesTheConnectionAndFiresOnceItHasClosed() {
    ClientService service = service();
    service.startService();
    endpoint.last().connect();
    StringTransport transport = endpoint.last().transport();

    Deferred<Void> stopped = service.stopService();
    Deferred<Void> stoppedAgain = service.stopService();
    Deferred<Protocol> waiting = service.whenConnected();

    assertThat(transport.disconnecting()).isTrue();
    assertThat(service.running()).isFalse();
    assertNoResult(stopped);
    endpoint.last().lose(new ConnectionDone("closed"));
    successResultOf(stopped);
    successResultOf(stoppedAgain);
    failureResultOf(waiting, CancelledException.class);
    assertThat(built.get(0).events).containsExactly("made", "lost ConnectionDone");
    assertThat(clock.pendingCalls()).isEmpty();
    assertThat(endpoint.attempts).hasSize(1);
  }

  @Test
  void startingAgainWhileStoppingReconnectsOnceTheOldConnectionHasClosed() {
    ClientService service = service();
    service.startService();
    endpoint.last().connect();
    Deferred<Void> stopped = service.stopService();
    Deferred<Protocol> next = service.whenConnected();

    service.startService();
    assertThat(service.running()).isTrue();
    assertThat(endpoint.attempts).hasSize(1);
    endpoint.last().lose(new ConnectionDone("closed"));

    successResultOf(stopped);
    assertThat(endpoint.attempts).hasSize(2);
    endpoint.last().connect();
    assertThat(successResultOf(next)).isSameAs(built.get(1));
    endpoint.last().lose(new ConnectionDone("closed"));
    successResultOf(service.stopService());
  }

  @Test
  void stoppingBeforeStartingFailsTheWaiters() {
    ClientService service = service();
    Deferred<Protocol> waiting = service.whenConnected();

    successResultOf(service.stopService());

    failureResultOf(waiting, CancelledException.class);
    assertThat(endpoint.attempts).isEmpty();
  }

  @Test
  void cancellingAWhenConnectedDeferredLeavesTheServiceAndOtherWaitersAlone() {
    ClientService service = service();
    service.startService();
    Deferred<Protocol> given = service.whenConnected();
    Deferred<Protocol> kept = service.whenConnected();

    given.cancel();
    endpoint.last().connect();

    failureResultOf(given, CancelledException.class);
    assertThat(successResultOf(kept)).isSameAs(built.get(0));
    endpoint.last().lose(new ConnectionDone("closed"));
    successResultOf(service.stopService());
  }

  @Test
  void anEndpointThatThrowsCountsAsAFailedAttempt() {
    StreamClientEndpoint broken = factory -> {
      throw new IllegalStateException("no route");
    };
    ClientService service = new ClientService(broken, factory, clock, Backoff.DEFAULT, fixed(0));
    Deferred<Protocol> waiting = service.whenConnected(1);

    service.startService();

    assertThat(failureResultOf(waiting, IllegalStateException.class).message()).isEqualTo("no route");
    assertThat(clock.pendingCalls()).singleElement()
        .satisfies(call -> assertThat(call.time()).isEqualTo(1.0));
    successResultOf(service.stopService());
  }

  @Test
  void theProtocolReceivesItsConnectionsEventsThroughTheService() {
    ClientService service = service();
    service.startService();
    Attempt attempt = endpoint.last();
    attempt.connect();
    Recording protocol = built.get(0);

    attempt.protocol.dataReceived(Bytes.utf8("hi"));
    ((HalfCloseableProtocol) attempt.protocol).readConnectionLost();
    ((HalfCloseableProtocol) attempt.protocol).writeConnectionLost();
    protocol.transport().write(Bytes.utf8("ho"));

    assertThat(attempt.transport().value()).isEqualTo(Bytes.utf8("ho"));
    assertThat(protocol.transport().peer()).isEqualTo(StringTransport.DEFAULT_PEER);
    assertThat(protocol.events).containsExactly("made", "data hi", "read closed", "write closed");
    attempt.lose(new ConnectionDone("closed"));
    successResultOf(service.stopService());
  }

  @Test
  void aProtocolThatCannotHalfCloseIsClosedWhenThePeerStopsSending() {
    ClientService service = new ClientService(endpoint, address -> new Protocol() { }, clock,
        Backoff.DEFAULT, fixed(0));
    service.startService();
    Attempt attempt = endpoint.last();
    attempt.connect();

    ((HalfCloseableProtocol) attempt.protocol).readConnectionLost();

    assertThat(attempt.transport().disconnecting()).isTrue();
    attempt.lose(new ConnectionDone("closed"));
    successResultOf(service.stopService());
  }

  /** Records its connection's events. */
  static final class Recording extends Protocol implements HalfCloseableProtocol {
    final List<String> events = new ArrayList<>();

    @Override
    public void connectionMade() {
      events.add("made");
    }

    @Override
    public void dataReceived(Bytes data) {
      events.add("data " + data.utf8());
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost " + reason.type().getSimpleName());
    }

    @Override
    public void readConnectionLost() {
      events.add("read closed");
    }

    @Override
    public void writeConnectionLost() {
      events.add("write closed");
    }
  }

  /** An endpoint whose connection attempts the test completes by hand. */
  static final class FakeEndpoint implements StreamClientEndpoint {
    final Clock clock;
    final List<Attempt> attempts = new ArrayList<>();

    FakeEndpoint(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
      Attempt attempt = new Attempt(factory, clock.seconds(), attempts.size() + 1);
      attempts.add(attempt);
      return attempt.result;
    }

    Attempt last() {
      return attempts.get(attempts.size() - 1);
    }

    List<Double> attemptTimes() {
      return attempts.stream().map(attempt -> attempt.at).toList();
    }
  }

  /** One call to {@link FakeEndpoint#connect}. */
  static final class Attempt {
    final Factory factory;
    final double at;
    final int number;
    final Deferred<Protocol> result = new Deferred<>(d -> cancelled = true);
    boolean cancelled;
    Protocol protocol;
    StringTransport transport;

    Attempt(Factory factory, double at, int number) {
      this.factory = factory;
      this.at = at;
      this.number = number;
    }

    /** Connects: builds the protocol, makes its connection, and fires with it. */
    void connect() {
      protocol = factory.buildProtocol(StringTransport.DEFAULT_PEER);
      assertThat(protocol).isNotNull();
      transport = new StringTransport();
      protocol.makeConnection(transport);
      result.callback(protocol);
    }

    void refuse() {
      result.errback(new ConnectionRefused("refused " + number, null));
    }

    /** Ends the connection as the reactor would, with {@code reason}. */
    void lose(RuntimeException reason) {
      assertThat(protocol).as("attempt %s connected", number).isNotNull();
      protocol.connectionLost(Failure.of(reason));
    }

    StringTransport transport() {
      assertThat(transport).as("attempt %s connected", number).isNotNull();
      return transport;
    }
  }
}
