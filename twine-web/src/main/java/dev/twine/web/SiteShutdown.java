package dev.twine.web;

import dev.twine.application.Service;
import dev.twine.defer.Deferred;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that {@linkplain Site#shutDown shuts a site down gracefully} when it stops: added
 * beside the services that listen with the site, it makes stopping the tree (and so a reactor's
 * shutdown, or SIGTERM under {@code twine}) answer the requests under way before the connections
 * close, waiting at most {@code deadline}.
 *
 * <pre>{@code
 * MultiService app = new MultiService();
 * app.addService(new StreamServerEndpointService(Endpoints.server(reactor, "tcp:8080"), site));
 * app.addService(new SiteShutdown(site, Duration.ofSeconds(10)));
 * reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, app::stopService);
 * }</pre>
 *
 * <p>A {@link dev.twine.application.MultiService} stops its children together, so the listening
 * services close their ports while the site drains; the site refuses what is still accepted.
 * Starting does nothing: a site that has shut down stays shut.
 *
 * <p>Threading: start and stop on the site's reactor thread.
 *
 * @param site the site to shut down
 * @param deadline how long the requests under way may take once the service stops
 */
public record SiteShutdown(Site site, Duration deadline) implements Service {
  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if {@code deadline} is negative
   */
  public SiteShutdown {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative: " + deadline);
    }
  }

  /** Does nothing: the site serves from the start. */
  @Override
  public void startService() {}

  /** Shuts the site down; the Deferred fires once its connections have all closed. */
  @Override
  public Deferred<@Nullable Void> stopService() {
    return site.shutDown(deadline);
  }

  /** Returns whether the site has not been shut down. */
  @Override
  public boolean running() {
    return !site.shuttingDown();
  }
}
