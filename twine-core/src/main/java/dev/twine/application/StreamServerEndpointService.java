package dev.twine.application;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.endpoints.StreamServerEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that listens on an endpoint while it runs (Twisted's
 * {@code StreamServerEndpointService}): starting listens, stopping stops listening.
 *
 * <p>Threading: on the reactor thread.
 */
public final class StreamServerEndpointService implements Service {
  private final StreamServerEndpoint endpoint;
  private final Factory factory;
  private @Nullable Deferred<ListeningPort> listening;
  private @Nullable ListeningPort port;
  private @Nullable Outcome<ListeningPort> firstOutcome;
  private final List<Deferred<ListeningPort>> waiters = new ArrayList<>();

  /** Creates a service that will listen on {@code endpoint} with {@code factory}. */
  public StreamServerEndpointService(StreamServerEndpoint endpoint, Factory factory) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Returns a Deferred that fires with the port once the first start has listened, or fails with
   * why it could not ({@code CannotListen}, or {@link CancelledException} if it was stopped
   * first); each call returns a new Deferred. If the first start fails while nobody waits, the
   * failure is logged.
   */
  public Deferred<ListeningPort> whenListening() {
    Deferred<ListeningPort> waiter = new Deferred<>();
    Outcome<ListeningPort> outcome = firstOutcome;
    if (outcome == null) {
      waiters.add(waiter);
    } else {
      deliver(waiter, outcome);
    }
    return waiter;
  }

  @Override
  public void startService() {
    if (listening != null) {
      return;
    }
    Deferred<ListeningPort> started = endpoint.listen(factory);
    listening = started;
    started.transform(outcome -> {
      if (outcome instanceof Outcome.Success<ListeningPort> success) {
        port = success.value();
      } else {
        listening = null;
      }
      if (firstOutcome == null) {
        firstOutcome = outcome;
        if (waiters.isEmpty() && outcome instanceof Outcome.Failed<ListeningPort> failed
            && !(failed.failure().exception() instanceof CancelledException)) {
          System.getLogger(StreamServerEndpointService.class.getName()).log(
              System.Logger.Level.ERROR, "cannot listen on " + endpoint + ":\n" + failed.failure().traceback());
        }
        List<Deferred<ListeningPort>> waiting = List.copyOf(waiters);
        waiters.clear();
        waiting.forEach(waiter -> deliver(waiter, outcome));
      }
      return null;
    });
  }

  private static void deliver(Deferred<ListeningPort> waiter, Outcome<ListeningPort> outcome) {
    switch (outcome) {
      case Outcome.Success<ListeningPort> success -> waiter.callback(success.value());
      case Outcome.Failed<ListeningPort> failed -> waiter.errback(failed.failure());
    }
  }

  @Override
  public Deferred<@Nullable Void> stopService() {
    Deferred<ListeningPort> started = listening;
    listening = null;
    ListeningPort current = port;
    port = null;
    if (current != null) {
      return current.stopListening();
    }
    if (started != null && !started.called()) {
      started.cancel();
    }
    return Deferred.succeed(null);
  }

  @Override
  public boolean running() {
    return listening != null;
  }

  @Override
  public String toString() {
    return "StreamServerEndpointService[" + endpoint + "]";
  }
}
