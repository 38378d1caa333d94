package dev.twine.web.client;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request of an agent, from the call to the end of the response body: it gets a connection
 * from the pool, sends the request on it, retries once on a new connection when a reused one
 * turns out to have been closed, and runs the timeouts of {@link AgentOptions}. Cancelling the
 * result aborts whatever is under way.
 */
final class Exchange implements ExchangeListener {
  private final ReactorTime time;
  private final ConnectionPool pool;
  private final AgentOptions options;
  private final Route route;
  private OutgoingRequest request;
  private final Deferred<Response> result;
  private @Nullable Deferred<ConnectionPool.Lease> acquiring;
  private @Nullable HttpConnection connection;
  private @Nullable DelayedCall responseTimer;
  private @Nullable DelayedCall exchangeTimer;
  private boolean reused;
  private boolean retried;
  private boolean headArrived;
  private boolean over;

  Exchange(ReactorTime time, ConnectionPool pool, AgentOptions options, Route route,
      OutgoingRequest request) {
    this.time = time;
    this.pool = pool;
    this.options = options;
    this.route = route;
    this.request = request;
    this.result = new Deferred<>(
        d -> abortWith(new CancelledException("the request was cancelled")));
  }

  Deferred<Response> start() {
    Optional<Duration> limit = options.exchangeTimeout();
    if (limit.isPresent()) {
      Duration timeout = limit.get();
      exchangeTimer = time.callLater(timeout,
          () -> abortWith(new RequestTimedOut(RequestTimedOut.Phase.EXCHANGE, timeout)));
    }
    acquire(false);
    return result;
  }

  @Override
  public void requestSent() {
    Optional<Duration> limit = options.responseTimeout();
    if (limit.isPresent() && !headArrived && !over) {
      Duration timeout = limit.get();
      responseTimer = time.callLater(timeout,
          () -> abortWith(new RequestTimedOut(RequestTimedOut.Phase.RESPONSE, timeout)));
    }
  }

  /**
   * The connection's exchange is over. Before the head of a response arrived, the failed response
   * Deferred says more and decides; after it, this is the end of the body.
   */
  @Override
  public void ended() {
    if (headArrived) {
      over = true;
      cancelTimers();
    }
  }

  private void acquire(boolean fresh) {
    Deferred<ConnectionPool.Lease> lease = pool.acquire(route.key(), this::connect, fresh);
    acquiring = lease;
    lease.transform(outcome -> {
      acquiring = null;
      switch (outcome) {
        case Outcome.Success<ConnectionPool.Lease> success -> send(success.value());
        case Outcome.Failed<ConnectionPool.Lease> failed -> fail(failed.failure());
      }
      return null;
    });
  }

  /** Makes a new connection, within the connect timeout. */
  private Deferred<HttpConnection> connect() {
    Duration timeout = options.connectTimeout();
    HttpConnection fresh = new HttpConnection(options.limits());
    Deferred<HttpConnection> connecting = Deferred.maybeDeferredWith(
        () -> route.endpoint().connectProtocol(fresh));
    boolean[] timedOut = {false};
    DelayedCall timer = time.callLater(timeout, () -> {
      timedOut[0] = true;
      connecting.cancel();
    });
    return connecting.transform(outcome -> {
      if (timer.active()) {
        timer.cancel();
      }
      return switch (outcome) {
        case Outcome.Success<HttpConnection> success -> success.value();
        case Outcome.Failed<HttpConnection> failed -> {
          if (timedOut[0]) {
            throw new ConnectTimedOut(route.destination(), timeout);
          }
          throw Failure.of(ConnectFailures.explain(failed.failure().exception(),
              route.destination())).raise();
        }
      };
    });
  }

  private void send(ConnectionPool.Lease lease) {
    HttpConnection leased = lease.connection();
    connection = leased;
    reused = lease.reused();
    leased.request(request, this).transform(outcome -> {
      switch (outcome) {
        case Outcome.Success<Response> success -> arrived(success.value());
        case Outcome.Failed<Response> failed -> sendFailed(failed.failure());
      }
      return null;
    });
  }

  private void arrived(Response response) {
    headArrived = true;
    DelayedCall timer = responseTimer;
    responseTimer = null;
    if (timer != null && timer.active()) {
      timer.cancel();
    }
    if (!result.called()) {
      result.callback(response);
    }
  }

  private void sendFailed(Failure failure) {
    connection = null;
    if (retryable(failure)) {
      retried = true;
      BodyProducer body = request.body();
      request = new OutgoingRequest(request.head(),
          body == null ? null : body.replay().orElseThrow(), request.uri());
      acquire(true);
      return;
    }
    fail(failure);
  }

  /**
   * Returns whether a failure on a reused connection before any response looks like the server
   * had closed it, and the request may be sent once more.
   */
  private boolean retryable(Failure failure) {
    Throwable error = failure.exception();
    BodyProducer body = request.body();
    return reused && !retried && !result.called() && pool.options().retryAutomatically()
        && Requests.idempotent(request.head().method())
        && (body == null || body.replay().isPresent())
        && (error instanceof ResponseNeverReceived || error instanceof RequestTransmissionFailed)
        && error.getCause() instanceof ConnectionClosed;
  }

  private void fail(Failure failure) {
    over = true;
    cancelTimers();
    if (!result.called()) {
      result.errback(failure);
    }
  }

  /** Ends the exchange with {@code reason}: a timeout ran out, or the caller cancelled. */
  private void abortWith(Throwable reason) {
    if (over) {
      return;
    }
    over = true;
    cancelTimers();
    if (!result.called()) {
      result.errback(reason);
    }
    Deferred<ConnectionPool.Lease> pending = acquiring;
    if (pending != null) {
      pending.cancel();
    }
    HttpConnection current = connection;
    if (current != null) {
      current.abort(reason);
    }
  }

  private void cancelTimers() {
    for (DelayedCall timer : new DelayedCall[] {responseTimer, exchangeTimer}) {
      if (timer != null && timer.active()) {
        timer.cancel();
      }
    }
    responseTimer = null;
    exchangeTimer = null;
  }
}
