package dev.twine.cli;

import dev.twine.application.Service;
import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.endpoints.DatagramServerEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A service that listens for datagrams on an endpoint while it runs, the datagram counterpart of
 * {@link dev.twine.application.StreamServerEndpointService}: starting binds the port with a new
 * protocol from {@code protocols}, stopping closes it.
 *
 * <p>Threading: on the reactor thread.
 */
final class DatagramEndpointService implements Service {
  private final DatagramServerEndpoint endpoint;
  private final Supplier<? extends DatagramProtocol> protocols;
  private final List<Deferred<DatagramTransport>> waiters = new ArrayList<>();
  private @Nullable Outcome<DatagramTransport> firstOutcome;
  private @Nullable DatagramTransport port;
  private boolean running;

  DatagramEndpointService(DatagramServerEndpoint endpoint, Supplier<? extends DatagramProtocol> protocols) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.protocols = Objects.requireNonNull(protocols, "protocols");
  }

  /**
   * Returns a Deferred that fires with the transport once the first start has bound the port, or
   * fails with why it could not (usually {@code CannotListen}); each call returns a new Deferred.
   */
  Deferred<DatagramTransport> whenListening() {
    Deferred<DatagramTransport> waiter = new Deferred<>();
    Outcome<DatagramTransport> outcome = firstOutcome;
    if (outcome == null) {
      waiters.add(waiter);
    } else {
      deliver(waiter, outcome);
    }
    return waiter;
  }

  @Override
  public void startService() {
    if (running) {
      return;
    }
    running = true;
    endpoint.listen(protocols.get()).transform(outcome -> {
      if (outcome instanceof Outcome.Success<DatagramTransport> success) {
        port = success.value();
      } else {
        running = false;
      }
      if (firstOutcome == null) {
        firstOutcome = outcome;
        List<Deferred<DatagramTransport>> waiting = List.copyOf(waiters);
        waiters.clear();
        waiting.forEach(waiter -> deliver(waiter, outcome));
      }
      return null;
    });
  }

  private static void deliver(Deferred<DatagramTransport> waiter, Outcome<DatagramTransport> outcome) {
    switch (outcome) {
      case Outcome.Success<DatagramTransport> success -> waiter.callback(success.value());
      case Outcome.Failed<DatagramTransport> failed -> waiter.errback(failed.failure());
    }
  }

  @Override
  public Deferred<@Nullable Void> stopService() {
    running = false;
    DatagramTransport current = port;
    port = null;
    return current == null ? Deferred.succeed(null) : current.loseConnection();
  }

  @Override
  public boolean running() {
    return running;
  }

  @Override
  public String toString() {
    return "DatagramEndpointService[" + endpoint + "]";
  }
}
