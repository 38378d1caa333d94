package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.DelayedCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connections of a {@link ConnectionPool} to one origin or proxy: the idle ones, most
 * recently used first, with their idle timers; how many are open; the requests waiting for one.
 */
final class HostConnections implements ConnectionOwner {
  private final ConnectionPool pool;
  private final Object key;
  private final ArrayDeque<Idle> idle = new ArrayDeque<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private final Map<HttpConnection, Deferred<@Nullable Void>> closing = new HashMap<>();
  private int open;

  private record Idle(HttpConnection connection, DelayedCall timer) {}

  /** A request for a connection, waiting for a slot or connecting. */
  private final class Waiter {
    final Supplier<Deferred<HttpConnection>> connect;
    final Deferred<ConnectionPool.Lease> lease;
    @Nullable Deferred<HttpConnection> connecting;

    Waiter(Supplier<Deferred<HttpConnection>> connect) {
      this.connect = connect;
      this.lease = new Deferred<>(d -> {
        Deferred<HttpConnection> attempt = connecting;
        if (attempt != null) {
          attempt.cancel();
        } else {
          waiters.remove(this);
          forgetIfEmpty();
        }
      });
    }
  }

  HostConnections(ConnectionPool pool, Object key) {
    this.pool = pool;
    this.key = key;
  }

  Object key() {
    return key;
  }

  int idleCount() {
    return idle.size();
  }

  int openCount() {
    return open;
  }

  Deferred<ConnectionPool.Lease> acquire(
      Supplier<Deferred<HttpConnection>> connect, boolean fresh) {
    if (!fresh) {
      HttpConnection reused = takeIdle();
      if (reused != null) {
        return Deferred.succeed(new ConnectionPool.Lease(reused, true));
      }
    }
    Waiter waiter = new Waiter(connect);
    if (open < pool.options().maxConnectionsPerHost()) {
      connectFor(waiter);
    } else {
      waiters.add(waiter);
    }
    return waiter.lease;
  }

  @Override
  public void released(HttpConnection connection) {
    Waiter waiter = waiters.poll();
    if (waiter != null) {
      waiter.lease.callback(new ConnectionPool.Lease(connection, true));
      return;
    }
    if (idle.size() >= pool.options().maxIdlePerHost()) {
      connection.transport().loseConnection();
      return;
    }
    DelayedCall timer = pool.time().callLater(pool.options().idleTimeout(), () -> {
      removeIdle(connection);
      connection.transport().loseConnection();
    });
    idle.push(new Idle(connection, timer));
  }

  @Override
  public void lost(HttpConnection connection) {
    open--;
    removeIdle(connection);
    Deferred<@Nullable Void> closed = closing.remove(connection);
    if (closed != null) {
      closed.callback(null);
    }
    while (open < pool.options().maxConnectionsPerHost() && !waiters.isEmpty()) {
      connectFor(waiters.poll());
    }
    forgetIfEmpty();
  }

  /** Closes the idle connections; returns Deferreds that fire as each has closed. */
  List<Deferred<@Nullable Void>> closeIdle() {
    List<Deferred<@Nullable Void>> closed = new ArrayList<>();
    for (Idle entry : List.copyOf(idle)) {
      entry.timer().cancel();
      Deferred<@Nullable Void> done = new Deferred<>();
      closing.put(entry.connection(), done);
      closed.add(done);
    }
    List<Idle> closingNow = List.copyOf(idle);
    idle.clear();
    for (Idle entry : closingNow) {
      entry.connection().transport().loseConnection();
    }
    return closed;
  }

  private void connectFor(Waiter waiter) {
    open++;
    Deferred<HttpConnection> attempt = Deferred.maybeDeferredWith(waiter.connect::get);
    waiter.connecting = attempt;
    attempt.transform(outcome -> {
      switch (outcome) {
        case Outcome.Success<HttpConnection> success -> connected(waiter, success.value());
        case Outcome.Failed<HttpConnection> failed -> {
          open--;
          if (!waiter.lease.called()) {
            waiter.lease.errback(failed.failure());
          }
          while (open < pool.options().maxConnectionsPerHost() && !waiters.isEmpty()) {
            connectFor(waiters.poll());
          }
          forgetIfEmpty();
        }
      }
      return null;
    });
  }

  private void connected(Waiter waiter, HttpConnection connection) {
    connection.attach(this);
    if (waiter.lease.called()) {
      released(connection);
    } else {
      waiter.lease.callback(new ConnectionPool.Lease(connection, false));
    }
  }

  private @Nullable HttpConnection takeIdle() {
    Idle entry;
    while ((entry = idle.poll()) != null) {
      entry.timer().cancel();
      if (entry.connection().ready()) {
        return entry.connection();
      }
    }
    return null;
  }

  private void removeIdle(HttpConnection connection) {
    for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
      Idle entry = it.next();
      if (entry.connection() == connection) {
        it.remove();
        if (entry.timer().active()) {
          entry.timer().cancel();
        }
      }
    }
  }

  private void forgetIfEmpty() {
    if (open == 0 && waiters.isEmpty() && idle.isEmpty()) {
      pool.emptied(this);
    }
  }
}
