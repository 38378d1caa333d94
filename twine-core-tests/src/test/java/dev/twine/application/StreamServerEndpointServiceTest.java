package dev.twine.application;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.CannotListen;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.StreamServerEndpoint;
import dev.twine.testing.TwineTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@TwineTest
class StreamServerEndpointServiceTest {
  private final Factory factory = Factory.forProtocol(() -> new Protocol() { });
  private final FakeServerEndpoint endpoint = new FakeServerEndpoint();
  private final StreamServerEndpointService service = new StreamServerEndpointService(endpoint, factory);

  /** An endpoint whose {@code listen} calls the test completes by hand. */
  static final class FakeServerEndpoint implements StreamServerEndpoint {
    final List<Deferred<ListeningPort>> listens = new ArrayList<>();
    final List<Factory> factories = new ArrayList<>();
    int cancelled;

    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
      Deferred<ListeningPort> listening = new Deferred<>(d -> cancelled++);
      listens.add(listening);
      factories.add(factory);
      return listening;
    }

    Deferred<ListeningPort> last() {
      return listens.get(listens.size() - 1);
    }
  }

  /** A port whose {@code stopListening} fires when the test says. */
  static final class FakePort implements ListeningPort {
    final Deferred<Void> stopped = new Deferred<>();
    int stops;

    @Override
    public Address address() {
      return new IPv4Address(AddressType.TCP, "127.0.0.1", 8080);
    }

    @Override
    public Deferred<Void> stopListening() {
      stops++;
      return stopped;
    }
  }

  @Test
  void startingListensOnceWithTheFactory() {
    assertThat(service.running()).isFalse();

    service.startService();
    service.startService();

    assertThat(endpoint.listens).hasSize(1);
    assertThat(endpoint.factories).containsExactly(factory);
    assertThat(service.running()).isTrue();
    FakePort port = new FakePort();
    endpoint.last().callback(port);
    port.stopped.callback(null);
    successResultOf(service.stopService());
  }

  @Test
  void whenListeningFiresWithThePortBeforeAndAfterItListens() {
    Deferred<ListeningPort> early = service.whenListening();
    service.startService();
    Deferred<ListeningPort> waiting = service.whenListening();
    assertNoResult(early);
    assertNoResult(waiting);
    FakePort port = new FakePort();

    endpoint.last().callback(port);

    assertThat(successResultOf(early)).isSameAs(port);
    assertThat(successResultOf(waiting)).isSameAs(port);
    assertThat(successResultOf(service.whenListening())).isSameAs(port);
    port.stopped.callback(null);
    successResultOf(service.stopService());
  }

  @Test
  void whenListeningFailsWithWhyItCouldNotListen() {
    Deferred<ListeningPort> waiting = service.whenListening();
    service.startService();

    endpoint.last().errback(new CannotListen("127.0.0.1:80", new IOException("Permission denied")));

    assertThat(failureResultOf(waiting, CannotListen.class).message())
        .isEqualTo("cannot listen on 127.0.0.1:80: Permission denied");
    failureResultOf(service.whenListening(), CannotListen.class);
    assertThat(service.running()).isFalse();
  }

  @Test
  void startingAgainAfterAFailureListensAgainButWhenListeningKeepsTheFirstOutcome() {
    Deferred<ListeningPort> waiting = service.whenListening();
    service.startService();
    endpoint.last().errback(new CannotListen("127.0.0.1:80", new IOException("in use")));
    failureResultOf(waiting, CannotListen.class);

    service.startService();
    FakePort port = new FakePort();
    endpoint.last().callback(port);

    assertThat(endpoint.listens).hasSize(2);
    assertThat(service.running()).isTrue();
    failureResultOf(service.whenListening(), CannotListen.class);
    port.stopped.callback(null);
    successResultOf(service.stopService());
  }

  @Test
  void stoppingWhileListeningStopsThePortAndFiresWhenItHasStopped() {
    service.startService();
    FakePort port = new FakePort();
    endpoint.last().callback(port);

    Deferred<Void> stopped = service.stopService();

    assertThat(port.stops).isEqualTo(1);
    assertThat(service.running()).isFalse();
    assertNoResult(stopped);
    port.stopped.callback(null);
    successResultOf(stopped);
    successResultOf(service.stopService());
    assertThat(port.stops).isEqualTo(1);
  }

  @Test
  void stoppingBeforeTheListenFiresCancelsIt() {
    Deferred<ListeningPort> waiting = service.whenListening();
    service.startService();

    Deferred<Void> stopped = service.stopService();

    assertThat(endpoint.cancelled).isEqualTo(1);
    successResultOf(stopped);
    failureResultOf(waiting, CancelledException.class);
    assertThat(service.running()).isFalse();
  }

  @Test
  void startingAfterAStopListensAgain() {
    service.startService();
    FakePort first = new FakePort();
    endpoint.last().callback(first);
    first.stopped.callback(null);
    successResultOf(service.stopService());

    service.startService();
    FakePort second = new FakePort();
    endpoint.last().callback(second);

    assertThat(endpoint.listens).hasSize(2);
    assertThat(service.running()).isTrue();
    Deferred<Void> stopped = service.stopService();
    assertThat(second.stops).isEqualTo(1);
    second.stopped.callback(null);
    successResultOf(stopped);
  }
}
