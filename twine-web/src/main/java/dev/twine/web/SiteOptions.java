package dev.twine.web;

import dev.twine.web.http.HttpLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Site} treats its clients: the bounds of the codec, the timeouts that free
 * connections from slow or silent clients, the number of pipelined requests that may wait, and
 * whether error pages show stack traces.
 *
 * <pre>{@code
 * SiteOptions uploads = SiteOptions.DEFAULT
 *     .withLimits(HttpLimits.DEFAULT.withMaxBodySize(1L << 30))
 *     .withBodyTimeout(Duration.ofMinutes(2));
 * Site site = new Site(root, reactor, uploads);
 * }</pre>
 *
 * <p>The timeouts:
 *
 * <ul>
 *   <li>{@code headerTimeout} runs from the first byte of a request until its header section is
 *       complete, however steadily the bytes trickle in: a client that sends headers a byte at a
 *       time (slowloris) gets {@code 408 Request Timeout} and is disconnected when it expires.
 *   <li>{@code bodyTimeout} is the longest silence while a request body is being read; it is
 *       suspended while the server itself holds the body back (a resource that has not asked for
 *       it yet, or paused it). On expiry the request gets 408 if its response has not started,
 *       and the connection is closed.
 *   <li>{@code idleTimeout} is the longest a connection may stay open with no request under way
 *       and every response written: a new connection that sends nothing, or a persistent one
 *       between requests. It is closed without a word.
 * </ul>
 *
 * <p>While a response is being produced, no timeout runs: that is the server's time.
 *
 * @param limits the bounds of the request parser, each answered with its status (414, 431, 413,
 *     400)
 * @param headerTimeout the longest time from the first byte of a request to the end of its
 *     header section
 * @param bodyTimeout the longest silence while a request body is read
 * @param idleTimeout the longest a connection stays open with nothing under way
 * @param maxPipelinedRequests how many requests may be in progress on one connection, the one
 *     being answered included; past it the server stops reading the connection until the oldest
 *     response has been written
 * @param debug whether a {@code 500 Internal Server Error} page shows the stack trace of what
 *     failed; never turn it on for a server that faces the internet
 */
public record SiteOptions(
    HttpLimits limits,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int maxPipelinedRequests,
    boolean debug) {

  /**
   * Options fit for a server that faces the internet: {@link HttpLimits#DEFAULT}, 10 seconds for
   * a header section, 30 seconds of silence in a body, 15 seconds idle, 16 pipelined requests, no
   * stack traces.
   */
  public static final SiteOptions DEFAULT = new SiteOptions(HttpLimits.DEFAULT,
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), 16, false);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if a timeout is zero or negative, or {@code
   *     maxPipelinedRequests} is below 1
   */
  public SiteOptions {
    Objects.requireNonNull(limits, "limits");
    positive("headerTimeout", headerTimeout);
    positive("bodyTimeout", bodyTimeout);
    positive("idleTimeout", idleTimeout);
    if (maxPipelinedRequests < 1) {
      throw new IllegalArgumentException(
          "maxPipelinedRequests must be at least 1: " + maxPipelinedRequests);
    }
  }

  private static void positive(String name, Duration timeout) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + timeout);
    }
  }

  /** Returns these options with other limits. */
  public SiteOptions withLimits(HttpLimits newLimits) {
    return new SiteOptions(newLimits, headerTimeout, bodyTimeout, idleTimeout,
        maxPipelinedRequests, debug);
  }

  /** Returns these options with another header section timeout. */
  public SiteOptions withHeaderTimeout(Duration timeout) {
    return new SiteOptions(limits, timeout, bodyTimeout, idleTimeout, maxPipelinedRequests,
        debug);
  }

  /** Returns these options with another body silence timeout. */
  public SiteOptions withBodyTimeout(Duration timeout) {
    return new SiteOptions(limits, headerTimeout, timeout, idleTimeout, maxPipelinedRequests,
        debug);
  }

  /** Returns these options with another idle timeout. */
  public SiteOptions withIdleTimeout(Duration timeout) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, timeout, maxPipelinedRequests,
        debug);
  }

  /** Returns these options with another cap on requests in progress per connection. */
  public SiteOptions withMaxPipelinedRequests(int max) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout, max, debug);
  }

  /** Returns these options with stack traces on 500 pages shown ({@code true}) or not. */
  public SiteOptions withDebug(boolean show) {
    return new SiteOptions(limits, headerTimeout, bodyTimeout, idleTimeout,
        maxPipelinedRequests, show);
  }
}
