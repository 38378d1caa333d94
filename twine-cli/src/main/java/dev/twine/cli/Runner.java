package dev.twine.cli;

import dev.twine.application.MultiService;
import dev.twine.application.Service;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.Address;
import dev.twine.internet.CannotListen;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import dev.twine.internet.endpoints.EndpointSyntaxException;
import dev.twine.internet.nio.NioReactor;
import dev.twine.web.SiteShutdown;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one command (Twisted's {@code twistd} for one service maker): builds its service tree,
 * starts it once a new {@link NioReactor} runs, and returns when the reactor has stopped.
 *
 * <p>Exit codes: 0 after a stop by Ctrl-C or SIGTERM, or the command's own {@link
 * TwineCommand#exitCode} once it stopped the reactor itself; 2 when an endpoint string is not valid or
 * an endpoint cannot listen, with one line on stderr and no stack trace; 1 when starting the
 * service tree throws, with the stack trace in the log.
 *
 * <p>On shutdown the service tree is stopped first, in a "before shutdown" trigger whose Deferred
 * the reactor waits for: a {@link SiteShutdown} in the tree lets the requests under way finish,
 * up to its deadline, before the reactor closes what is left.
 *
 * <p>Threading: {@link #run} blocks the calling thread, which becomes the reactor's thread.
 */
final class Runner {
  static final int USAGE = 2;
  private static final System.Logger LOG = System.getLogger("twine");
  private static final Duration AFTER_GRACE = Duration.ofSeconds(5);

  private final PrintWriter err;

  Runner(PrintWriter err) {
    this.err = err;
  }

  /** Runs {@code command} until the reactor stops and returns the exit code. */
  int run(TwineCommand command) {
    NioReactor reactor = new NioReactor();
    Service service;
    try {
      service = command.makeService(reactor);
    } catch (EndpointSyntaxException e) {
      return fail(e.getMessage());
    }
    AtomicInteger exitCode = new AtomicInteger();
    Duration drain = drainDeadline(service);
    Shutdown shutdown = Shutdown.install(
        reactor, drain.plus(NioReactor.Options.DEFAULT.shutdownGrace()).plus(AFTER_GRACE));
    for (Deferred<Address> listener : listeners(service)) {
      listener.transform(outcome -> {
        switch (outcome) {
          case Outcome.Success<Address> listening ->
              LOG.log(System.Logger.Level.INFO, "listening on {0}", listening.value());
          case Outcome.Failed<Address> failed -> {
            exitCode.compareAndSet(0, cannotListen(failed.failure()));
            shutdown.request();
          }
        }
        return outcome.succeeded();
      });
    }
    reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, service::stopService);
    reactor.callWhenRunning(() -> {
      try {
        service.startService();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "starting " + command.name() + " failed", e);
        exitCode.compareAndSet(0, 1);
        shutdown.request();
      }
    });
    try {
      reactor.run();
    } finally {
      shutdown.finished();
    }
    return exitCode.get() != 0 ? exitCode.get() : command.exitCode();
  }

  /** Reports why an endpoint could not listen and returns the exit code it calls for. */
  private int cannotListen(Failure failure) {
    if (failure.check(CannotListen.class).isPresent()) {
      return fail(failure.message());
    }
    LOG.log(System.Logger.Level.ERROR, "listening failed:\n" + failure.traceback());
    return 1;
  }

  private int fail(String message) {
    err.println("twine: " + message);
    err.flush();
    return USAGE;
  }

  /**
   * Returns the longest deadline of the {@link SiteShutdown}s and reactor groups in {@code
   * service}'s tree.
   */
  private static Duration drainDeadline(Service service) {
    return switch (service) {
      case SiteShutdown site -> site.deadline();
      case ReactorGroupService group -> group.shutdownDeadline();
      case MultiService parent -> parent.services().stream().map(Runner::drainDeadline)
          .max(Duration::compareTo).orElse(Duration.ZERO);
      default -> Duration.ZERO;
    };
  }

  /**
   * Returns, for each endpoint service in {@code service}'s tree (depth first), a Deferred of the
   * address it listens on.
   */
  private static List<Deferred<Address>> listeners(Service service) {
    return switch (service) {
      case StreamServerEndpointService listener -> List.of(listener.whenListening().map(ListeningPort::address));
      case DatagramEndpointService listener -> List.of(listener.whenListening().map(DatagramTransport::host));
      case MultiService parent -> parent.services().stream().flatMap(child -> listeners(child).stream()).toList();
      default -> List.of();
    };
  }
}
