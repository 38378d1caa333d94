package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import dev.twine.internet.ReactorTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connections of one or more agents, kept open between requests (Twisted's {@code
 * HTTPConnectionPool}): per origin (or per proxy), a connection that finished an exchange and
 * that both sides meant to keep is kept idle for the next request, up to {@link
 * PoolOptions#maxIdlePerHost} of them and for {@link PoolOptions#idleTimeout}; at most {@link
 * PoolOptions#maxConnectionsPerHost} are open at once, and requests beyond that wait in order.
 *
 * <pre>{@code
 * ConnectionPool pool = new ConnectionPool(reactor);
 * Agent agent = Agent.create(reactor, pool, AgentOptions.DEFAULT);
 * // ... when done:
 * pool.closeCachedConnections();
 * }</pre>
 *
 * <p>A connection is never reused after a response that did not arrive whole, was not read to
 * its end, ran until the connection closed, or carried {@code Connection: close}; nor after a
 * request whose body was not sent whole. An idle connection that the server closes leaves the
 * pool at once; one that it closes just as a request goes out fails that request with {@link
 * ResponseNeverReceived}, which the agent retries once on a new connection when {@link
 * PoolOptions#retryAutomatically} allows.
 *
 * <p>Threading: a pool belongs to the thread of the reactor its agents use.
 */
public final class ConnectionPool {
  private final ReactorTime time;
  private final PoolOptions options;
  private final Map<Object, HostConnections> hosts = new HashMap<>();

  /** Creates a pool with {@link PoolOptions#DEFAULT} whose idle timeouts run on {@code time}. */
  public ConnectionPool(ReactorTime time) {
    this(time, PoolOptions.DEFAULT);
  }

  /** Creates a pool with {@code options} whose idle timeouts run on {@code time}. */
  public ConnectionPool(ReactorTime time, PoolOptions options) {
    this.time = Objects.requireNonNull(time, "time");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Returns the settings of this pool. */
  public PoolOptions options() {
    return options;
  }

  /**
   * Closes every idle connection, and returns a Deferred that fires once they have all closed
   * (Twisted's {@code closeCachedConnections}). Connections busy with an exchange are left alone;
   * they close or come back to the pool when it ends.
   */
  public Deferred<@Nullable Void> closeCachedConnections() {
    List<Deferred<@Nullable Void>> closing = new ArrayList<>();
    for (HostConnections host : List.copyOf(hosts.values())) {
      closing.addAll(host.closeIdle());
    }
    return DeferredList.gatherResults(closing).map(closed -> null);
  }

  /** Returns how many idle connections are kept for {@code key}. */
  int idleCount(Object key) {
    HostConnections host = hosts.get(key);
    return host == null ? 0 : host.idleCount();
  }

  /** Returns how many connections are open or being made for {@code key}. */
  int openCount(Object key) {
    HostConnections host = hosts.get(key);
    return host == null ? 0 : host.openCount();
  }

  /**
   * Returns a connection for {@code key}: an idle one unless {@code fresh}, else a new one made
   * with {@code connect} as soon as the per-host bound allows. Cancelling the Deferred stops
   * waiting or connecting.
   */
  Deferred<Lease> acquire(
      Object key, Supplier<Deferred<HttpConnection>> connect, boolean fresh) {
    HostConnections host = hosts.computeIfAbsent(key, k -> new HostConnections(this, k));
    return host.acquire(connect, fresh);
  }

  ReactorTime time() {
    return time;
  }

  /** Forgets {@code host} once it holds nothing. */
  void emptied(HostConnections host) {
    hosts.remove(host.key(), host);
  }

  /**
   * A connection handed out by the pool.
   *
   * @param reused whether it carried an exchange before, so may have been closed by the server
   */
  record Lease(HttpConnection connection, boolean reused) {}
}
