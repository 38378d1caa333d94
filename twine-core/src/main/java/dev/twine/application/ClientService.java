package dev.twine.application;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.Address;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.protocols.ProtocolWrapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A service that keeps one connection up to an endpoint (Twisted's {@code ClientService}):
 * starting it connects; when an attempt fails or the connection is lost, it waits as its
 * {@link Backoff} says and connects again, until it is stopped or, with a limit on retries, gives
 * up. A successful connection starts the back-off over.
 *
 * <pre>{@code
 * ClientService feed = new ClientService(Endpoints.client(reactor, "tcp:feed.example:7000"),
 *     Factory.forProtocol(FeedClient::new), reactor);
 * feed.startService();
 * feed.whenConnected().map(protocol -> ((FeedClient) protocol).subscribe("prices"));
 * }</pre>
 *
 * <p>Stopping it cancels the attempt in progress or the wait for the next one, and closes the
 * connection with {@code loseConnection}; the Deferred of {@link #stopService} fires once the
 * attempt has ended or the connection has closed. Starting it again while it stops reconnects once
 * the old connection has closed.
 *
 * <p>The protocols the factory builds are wrapped in a {@link ProtocolWrapper} so the service sees
 * {@code connectionLost}; each still receives every event of its connection, including those of
 * {@link HalfCloseableProtocol} (one that is not half-closeable has its connection closed when the
 * peer stops sending). The service does not call the factory's {@code startFactory} or
 * {@code stopFactory}.
 *
 * <p>Threading: use it on the thread of the reactor behind its endpoint and its clock.
 */
public final class ClientService implements Service {
  private static final System.Logger LOG = System.getLogger(ClientService.class.getName());

  private final StreamClientEndpoint endpoint;
  private final Factory factory;
  private final ReactorTime time;
  private final Backoff backoff;
  private final RandomGenerator random;
  private final List<Waiter> waiters = new ArrayList<>();
  private final List<Deferred<@Nullable Void>> stopWaiters = new ArrayList<>();
  private State state = State.IDLE;
  /** The failed attempts and lost connections in a row since the last connection was made. */
  private int retries;
  private @Nullable Deferred<Protocol> attempt;
  private @Nullable DelayedCall retry;
  private @Nullable Tracked connection;
  private @Nullable Failure gaveUpWith;

  private enum State { IDLE, CONNECTING, WAITING, CONNECTED, DISCONNECTING, RESTARTING, GAVE_UP, STOPPED }

  /** Creates a service that connects to {@code endpoint} with {@link Backoff#DEFAULT}. */
  public ClientService(StreamClientEndpoint endpoint, Factory factory, ReactorTime time) {
    this(endpoint, factory, time, Backoff.DEFAULT, RandomGenerator.getDefault());
  }

  /**
   * Creates a service that connects to {@code endpoint}, waits between attempts on {@code time}
   * as {@code backoff} says, and draws the jitter from {@code random} (a seeded or fixed generator
   * makes the waits repeatable in tests).
   */
  public ClientService(StreamClientEndpoint endpoint, Factory factory, ReactorTime time,
      Backoff backoff, RandomGenerator random) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.time = Objects.requireNonNull(time, "time");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns a Deferred that fires with the protocol of the current connection, at once, or else of
   * the next one made. It fails with {@link CancelledException} if the service is stopped first,
   * and with the last failure if the service gives up. Cancelling it stops the waiting only.
   */
  public Deferred<Protocol> whenConnected() {
    return await(Integer.MAX_VALUE);
  }

  /**
   * Returns a Deferred like {@link #whenConnected()} that also fails, with the attempt's failure,
   * once {@code failAfterFailures} attempts have failed in a row while it waits (1 fails on the
   * next failed attempt).
   *
   * @throws IllegalArgumentException if {@code failAfterFailures} is below 1
   */
  public Deferred<Protocol> whenConnected(int failAfterFailures) {
    if (failAfterFailures < 1) {
      throw new IllegalArgumentException("failAfterFailures must be at least 1: " + failAfterFailures);
    }
    return await(failAfterFailures);
  }

  private Deferred<Protocol> await(int failAfterFailures) {
    Tracked current = connection;
    Failure gaveUp = gaveUpWith;
    if (state == State.CONNECTED && current != null) {
      return Deferred.succeed(current.wrapped());
    } else if (state == State.STOPPED) {
      return Deferred.fail(new CancelledException(this + " is stopped"));
    } else if (state == State.GAVE_UP && gaveUp != null) {
      return Deferred.fail(gaveUp);
    }
    Waiter waiter = new Waiter(failAfterFailures);
    waiters.add(waiter);
    return waiter.result;
  }

  /**
   * Starts connecting; does nothing while it runs, which includes after it gave up (stop it and
   * start it again to try anew).
   */
  @Override
  public void startService() {
    switch (state) {
      case IDLE, STOPPED -> {
        retries = 0;
        gaveUpWith = null;
        connect();
      }
      case DISCONNECTING -> {
        retries = 0;
        state = State.RESTARTING;
      }
      default -> { }
    }
  }

  /**
   * Stops connecting and closes the connection; the Deferred fires once the attempt in progress
   * has ended and the connection has closed. Deferreds of {@link #whenConnected} still waiting
   * then fail with {@link CancelledException}.
   */
  @Override
  public Deferred<@Nullable Void> stopService() {
    State was = state;
    switch (was) {
      case IDLE, STOPPED, WAITING, GAVE_UP -> {
        DelayedCall pending = retry;
        retry = null;
        if (pending != null) {
          pending.cancel();
        }
        gaveUpWith = null;
        finishStopping(true);
        return Deferred.succeed(null);
      }
      default -> {
        Deferred<@Nullable Void> stopped = new Deferred<>();
        stopWaiters.add(stopped);
        state = State.DISCONNECTING;
        Deferred<Protocol> connecting = attempt;
        Tracked current = connection;
        if (was == State.CONNECTING && connecting != null) {
          connecting.cancel();
        } else if (was == State.CONNECTED && current != null) {
          current.transport().loseConnection();
        }
        return stopped;
      }
    }
  }

  /** Returns whether it has been started and not stopped, including after it gave up. */
  @Override
  public boolean running() {
    return state != State.IDLE && state != State.DISCONNECTING && state != State.STOPPED;
  }

  private void connect() {
    state = State.CONNECTING;
    retry = null;
    Deferred<Protocol> started = Deferred.maybeDeferredWith(() -> endpoint.connect(this::build));
    attempt = started;
    started.transform(outcome -> {
      attemptEnded(started, outcome);
      return null;
    });
  }

  private @Nullable Protocol build(Address address) {
    Protocol inner = factory.buildProtocol(address);
    return inner == null ? null : new Tracked(inner);
  }

  private void attemptEnded(Deferred<Protocol> which, Outcome<Protocol> outcome) {
    if (which != attempt) {
      return;
    }
    attempt = null;
    switch (outcome) {
      case Outcome.Success<Protocol> success when success.value() instanceof Tracked tracked -> connected(tracked);
      case Outcome.Success<Protocol> success -> attemptFailed(Failure.of(new IllegalStateException(
          endpoint + " connected a protocol that its factory did not build: " + success.value())));
      case Outcome.Failed<Protocol> failed -> attemptFailed(failed.failure());
    }
  }

  private void connected(Tracked tracked) {
    connection = tracked;
    if (state == State.CONNECTING) {
      state = State.CONNECTED;
      retries = 0;
      List<Waiter> ready = List.copyOf(waiters);
      waiters.clear();
      ready.forEach(waiter -> waiter.result.callback(tracked.wrapped()));
    } else if (tracked.lostWith == null) {
      tracked.transport().loseConnection();
    }
    Failure alreadyLost = tracked.lostWith;
    if (alreadyLost != null) {
      connectionLost(tracked, alreadyLost);
    }
  }

  private void attemptFailed(Failure reason) {
    switch (state) {
      case CONNECTING -> {
        List<Waiter> due = new ArrayList<>();
        waiters.removeIf(waiter -> --waiter.failuresLeft == 0 && due.add(waiter));
        retryOrGiveUp(reason, "cannot connect to " + endpoint);
        due.forEach(waiter -> waiter.result.errback(reason));
      }
      case DISCONNECTING -> finishStopping(true);
      case RESTARTING -> finishStopping(false);
      default -> { }
    }
  }

  private void connectionLost(Tracked tracked, Failure reason) {
    if (tracked != connection) {
      return;
    }
    connection = null;
    switch (state) {
      case CONNECTED -> retryOrGiveUp(reason, "lost the connection to " + endpoint);
      case DISCONNECTING -> finishStopping(true);
      case RESTARTING -> finishStopping(false);
      default -> { }
    }
  }

  private void retryOrGiveUp(Failure reason, String what) {
    retries++;
    if (backoff.allows(retries)) {
      state = State.WAITING;
      Duration delay = backoff.delay(retries, random);
      LOG.log(System.Logger.Level.INFO, () -> what + " (" + reason.message() + "); retry " + retries
          + " in " + delay.toMillis() + " ms");
      retry = time.callLater(delay, this::connect);
      return;
    }
    state = State.GAVE_UP;
    gaveUpWith = reason;
    LOG.log(System.Logger.Level.WARNING, () -> what + " (" + reason.message() + "); giving up after "
        + backoff.maxRetries() + " retries");
    List<Waiter> failing = List.copyOf(waiters);
    waiters.clear();
    failing.forEach(waiter -> waiter.result.errback(reason));
  }

  /**
   * Ends a stop: the service is stopped, or, if it was started again meanwhile, connects anew;
   * the Deferreds of {@link #stopService} fire.
   */
  private void finishStopping(boolean stopped) {
    List<Waiter> cancelled = List.of();
    if (stopped) {
      state = State.STOPPED;
      cancelled = List.copyOf(waiters);
      waiters.clear();
    } else {
      connect();
    }
    List<Deferred<@Nullable Void>> done = List.copyOf(stopWaiters);
    stopWaiters.clear();
    cancelled.forEach(waiter -> waiter.result.errback(new CancelledException(this + " was stopped")));
    done.forEach(deferred -> deferred.callback(null));
  }

  @Override
  public String toString() {
    return "ClientService[" + endpoint + ", " + state.name().toLowerCase(Locale.ROOT) + "]";
  }

  /** A Deferred of {@link #whenConnected} and how many more failed attempts it waits through. */
  private final class Waiter {
    final Deferred<Protocol> result = new Deferred<>(cancelled -> waiters.remove(this));
    int failuresLeft;

    Waiter(int failAfterFailures) {
      this.failuresLeft = failAfterFailures;
    }
  }

  /** The factory's protocol, wrapped so that the service hears when its connection ends. */
  private final class Tracked extends ProtocolWrapper {
    @Nullable Failure lostWith;

    Tracked(Protocol inner) {
      super(inner);
    }

    @Override
    public void connectionLost(Failure reason) {
      lostWith = reason;
      try {
        super.connectionLost(reason);
      } finally {
        ClientService.this.connectionLost(this, reason);
      }
    }
  }
}
