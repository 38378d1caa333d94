package dev.twine.application;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.Tasks;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.internet.nio.NioReactor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClientServiceLoopbackTest {
  private final NioReactor reactor = new NioReactor();
  private final List<Protocol> accepted = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final Factory greeter = Factory.forProtocol(() -> new Protocol() {
    @Override
    public void connectionMade() {
      accepted.add(this);
      transport().write(Bytes.utf8("hello " + accepted.size()));
    }
  });

  /** Fires {@code greeted} with the server's greeting and {@code lost} when the connection ends. */
  static final class Greeted extends Protocol {
    final Deferred<String> greeted = new Deferred<>();
    final Deferred<Void> lost = new Deferred<>();

    @Override
    public void dataReceived(Bytes data) {
      greeted.callback(data.utf8());
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.callback(null);
    }
  }

  @Test
  @Timeout(30)
  void reconnectsWhenTheServerGoesAwayAndComesBack() {
    ListeningPort first = reactor.listenTcp(0, greeter, 50, "127.0.0.1");
    int port = ((IPv4Address) first.address()).port();
    ClientService service = new ClientService(
        new TcpClientEndpoint(reactor, "127.0.0.1", port, ofSeconds(5), null),
        Factory.forProtocol(Greeted::new), reactor,
        Backoff.DEFAULT.withInitial(ofMillis(20)).withMax(ofMillis(100)).withJitter(ofMillis(10)),
        new SplittableRandom(7));

    reactor.callWhenRunning(() -> {
      service.startService();
      service.whenConnected()
          .flatMap(protocol -> {
            Greeted greeted = (Greeted) protocol;
            return greeted.greeted.flatMap(greeting -> {
              events.add("first: " + greeting);
              return first.stopListening();
            }).flatMap(stopped -> {
              accepted.get(0).transport().loseConnection();
              return greeted.lost;
            });
          })
          .flatMap(lost -> Tasks.deferLater(reactor, ZERO, () -> service.whenConnected(1)))
          .flatMap(nextAttempt -> nextAttempt.transform(outcome -> {
            events.add("while down: " + (outcome instanceof Outcome.Failed<Protocol> failed
                ? failed.failure().type().getSimpleName() : "connected?!"));
            return null;
          }))
          .flatMap(ignored -> {
            reactor.listenTcp(port, greeter, 50, "127.0.0.1");
            return service.whenConnected();
          })
          .flatMap(protocol -> ((Greeted) protocol).greeted)
          .flatMap(greeting -> {
            events.add("second: " + greeting);
            return service.stopService();
          })
          .transform(outcome -> {
            events.add("stopped: " + outcome.succeeded());
            reactor.stop();
            return null;
          });
    });
    reactor.callLater(ofSeconds(20), reactor::stop);
    reactor.run();

    assertThat(events).containsExactly(
        "first: hello 1", "while down: " + ConnectionRefused.class.getSimpleName(),
        "second: hello 2", "stopped: true");
  }
}
