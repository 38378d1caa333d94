package dev.twine.application;

import dev.twine.defer.Deferred;
import org.jspecify.annotations.Nullable;

/**
 * Something that runs between a start and a stop (Twisted's {@code IService}): a server, a
 * client connection, a periodic job. Services are combined in a {@link MultiService}; the
 * {@code twine} runner starts the tree once the reactor runs and stops it on shutdown.
 *
 * <pre>{@code
 * MultiService app = new MultiService();
 * app.addService("web", new StreamServerEndpointService(Endpoints.server(reactor, "tcp:8080"), site));
 * app.startService();
 * }</pre>
 *
 * <p>Threading: start and stop on the reactor thread.
 */
public interface Service {

  /** Starts the service; idempotent while running. */
  void startService();

  /**
   * Stops the service; the Deferred fires once it has stopped (connections closed, ports released).
   * Stopping a service that is not running fires at once.
   */
  Deferred<@Nullable Void> stopService();

  /** Returns whether the service has been started and not stopped. */
  boolean running();
}
