package dev.twine.web.client;

import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.tls.TlsClientOptions;

/**
 * How an agent carries a request: which pooled connections it may use, what it connects with
 * when it needs a new one, and the target its request line names.
 *
 * @param key the pool key: connections with equal keys are interchangeable
 * @param target the request target: origin-form, or absolute-form through a proxy
 * @param destination what the connection goes to, for error messages
 * @param endpoint what a new connection is made with
 */
record Route(Object key, String target, String destination, StreamClientEndpoint endpoint) {

  /**
   * The pool key of TLS connections to {@code destination} checked with {@code tls}: connections
   * made with other TLS options (say, without host name verification) are never shared. Options
   * are told apart by identity.
   */
  record TlsKey(Object destination, TlsClientOptions tls) {}

  /** Decides the route of each request of an agent. */
  @FunctionalInterface
  interface Router {
    /**
     * Returns the route of a request to {@code uri}.
     *
     * @throws IllegalArgumentException if this agent cannot reach it
     */
    Route route(RequestUri uri);
  }
}
