package dev.twine.cli;

import dev.twine.internet.nio.NioReactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Stops a running reactor once: on Ctrl-C (SIGINT), on SIGTERM, when the JVM shuts down for
 * another reason, or when the runner asks. Stopping the reactor runs the shutdown triggers first,
 * among them stopping the service tree, which closes the listening ports and lets web sites
 * finish the requests under way ({@link dev.twine.web.SiteShutdown}); then it closes the
 * connections left, aborting those that do not close within its grace period.
 *
 * <p>SIGINT and SIGTERM are handled instead of the JVM's default, which would run shutdown hooks
 * and exit with 130 or 143: here the reactor stops, {@code run()} returns and {@code twine}
 * exits with its own code, 0 after a clean stop. A second SIGINT or SIGTERM while the stop is
 * under way does not wait for it: {@code twine} logs that it stops at once and halts with exit
 * code 1, dropping the connections still open, as a second Ctrl-C does in most servers. Other ways the JVM shuts down (SIGHUP,
 * {@code System.exit} from a plugin) go through a shutdown hook, which stops the reactor and
 * waits a bounded time for {@code run()} to return.
 *
 * <p>Signals are handled with {@code sun.misc.Signal} from the {@code jdk.unsupported} module, the
 * JDK's only way to do so; javac warns about it, and no annotation silences that warning.
 *
 * <p>Threading: {@link #request} may be called from any thread, any number of times.
 */
final class Shutdown {
  private static final System.Logger LOG = System.getLogger("twine");

  private final NioReactor reactor;
  private final Duration hookWait;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicInteger signals = new AtomicInteger();
  private final CountDownLatch finished = new CountDownLatch(1);

  private Shutdown(NioReactor reactor, Duration hookWait) {
    this.reactor = reactor;
    this.hookWait = hookWait;
  }

  /**
   * Installs the signal handlers and the shutdown hook for {@code reactor}; the hook waits at most
   * {@code hookWait} for {@link #finished}.
   */
  static Shutdown install(NioReactor reactor, Duration hookWait) {
    Shutdown shutdown = new Shutdown(reactor, hookWait);
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), signal -> shutdown.signalled("SIG" + name));
      } catch (IllegalArgumentException reserved) {
        // The JVM keeps this signal (-Xrs, or a debugger): the shutdown hook covers it.
      }
    }
    Runtime.getRuntime().addShutdownHook(
        Thread.ofPlatform().name("twine-shutdown").unstarted(shutdown::onJvmShutdown));
    return shutdown;
  }

  /** Stops the reactor unless a stop was already requested. */
  void request() {
    if (!requested.compareAndSet(false, true)) {
      return;
    }
    try {
      reactor.stop();
    } catch (IllegalStateException alreadyStopping) {
      // Something in the application stopped the reactor first: nothing is left to do.
    }
  }

  /** Requests the stop on the first signal; halts at once on a later one, while the stop runs. */
  private void signalled(String name) {
    if (signals.incrementAndGet() > 1 && finished.getCount() > 0) {
      LOG.log(System.Logger.Level.WARNING, "stopping at once ({0} again): open connections are dropped", name);
      Runtime.getRuntime().halt(1);
    }
    requestFor(name);
  }

  /** Logs that {@code why} stops the reactor, then {@link #request}s the stop. */
  private void requestFor(String why) {
    if (!requested.get()) {
      LOG.log(System.Logger.Level.INFO, "stopping ({0})", why);
    }
    request();
  }

  /** Tells that the reactor's {@code run()} has returned. */
  void finished() {
    finished.countDown();
  }

  private void onJvmShutdown() {
    if (finished.getCount() == 0) {
      return;
    }
    requestFor("JVM shutdown");
    try {
      if (!finished.await(hookWait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "the reactor did not stop within {0} s", hookWait.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
