package dev.twine.web.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link ConnectionPool} (Twisted's {@code HTTPConnectionPool} attributes).
 *
 * <pre>{@code
 * ConnectionPool pool = new ConnectionPool(reactor,
 *     PoolOptions.DEFAULT.withMaxConnectionsPerHost(6).withMaxIdlePerHost(6));
 * }</pre>
 *
 * @param persistent whether connections are kept open for further requests; when false every
 *     request asks the server to close its connection ({@code Connection: close})
 * @param maxConnectionsPerHost the most connections open to one origin at once, busy, idle or
 *     being made; a request beyond it waits for one to come free
 * @param maxIdlePerHost the most idle connections kept per origin (Twisted's {@code
 *     maxPersistentPerHost}); one more is closed
 * @param idleTimeout how long an idle connection is kept (Twisted's {@code
 *     cachedConnectionTimeout})
 * @param retryAutomatically whether a request that fails on a reused connection before any of
 *     its response arrived is sent once more on a new connection, when its method is idempotent
 *     and its body, if any, can be produced again
 */
public record PoolOptions(boolean persistent, int maxConnectionsPerHost, int maxIdlePerHost,
    Duration idleTimeout, boolean retryAutomatically) {

  /**
   * Persistent connections, no bound on connections per host, 2 idle ones kept per host for 240
   * seconds, and automatic retries: Twisted's defaults.
   */
  public static final PoolOptions DEFAULT =
      new PoolOptions(true, Integer.MAX_VALUE, 2, Duration.ofSeconds(240), true);

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if {@code maxConnectionsPerHost} is below 1, {@code
   *     maxIdlePerHost} negative, or {@code idleTimeout} not positive
   */
  public PoolOptions {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxConnectionsPerHost < 1) {
      throw new IllegalArgumentException(
          "maxConnectionsPerHost must be at least 1: " + maxConnectionsPerHost);
    }
    if (maxIdlePerHost < 0) {
      throw new IllegalArgumentException("maxIdlePerHost must not be negative: " + maxIdlePerHost);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
  }

  /** Returns these settings with connections kept or not. */
  public PoolOptions withPersistent(boolean keep) {
    return new PoolOptions(keep, maxConnectionsPerHost, maxIdlePerHost, idleTimeout,
        retryAutomatically);
  }

  /** Returns these settings with another bound on connections per origin. */
  public PoolOptions withMaxConnectionsPerHost(int max) {
    return new PoolOptions(persistent, max, maxIdlePerHost, idleTimeout, retryAutomatically);
  }

  /** Returns these settings with another number of idle connections kept per origin. */
  public PoolOptions withMaxIdlePerHost(int max) {
    return new PoolOptions(persistent, maxConnectionsPerHost, max, idleTimeout,
        retryAutomatically);
  }

  /** Returns these settings with another idle timeout. */
  public PoolOptions withIdleTimeout(Duration timeout) {
    return new PoolOptions(persistent, maxConnectionsPerHost, maxIdlePerHost, timeout,
        retryAutomatically);
  }

  /** Returns these settings with automatic retries on or off. */
  public PoolOptions withRetryAutomatically(boolean retry) {
    return new PoolOptions(persistent, maxConnectionsPerHost, maxIdlePerHost, idleTimeout, retry);
  }
}
