package dev.twine.cli;

import dev.twine.application.Service;
import dev.twine.defer.Deferred;
import dev.twine.internet.ReactorThreads;
import dev.twine.internet.nio.NioReactor;
import dev.twine.internet.nio.NioReactorGroup;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs a reactor group on a thread of its own while the service runs: {@code twine}'s reactor
 * starts and stops it like any other service, and keeps handling signals meanwhile.
 *
 * <p>Starting returns once every reactor of the group runs, so that services started after it
 * can listen through the group; stopping stops every reactor, each closing its connections
 * within its shutdown grace, and fires once the group's thread has ended.
 *
 * <p>Threading: start and stop on {@code owner}'s thread, whose reactor hears of the end.
 */
final class ReactorGroupService implements Service {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final System.Logger LOG = System.getLogger("twine");

  private final ReactorThreads owner;
  private final NioReactorGroup group;
  private final Deferred<@Nullable Void> ended = new Deferred<>();
  private final Duration shutdownDeadline;
  private @Nullable Thread thread;

  /** Creates the service of {@code group}, telling {@code owner}'s thread when it has ended. */
  ReactorGroupService(ReactorThreads owner, NioReactorGroup group, Duration shutdownDeadline) {
    this.owner = owner;
    this.group = group;
    this.shutdownDeadline = shutdownDeadline;
  }

  /** Returns how long the group's reactors may take to shut down once stopped. */
  Duration shutdownDeadline() {
    return shutdownDeadline;
  }

  /**
   * Starts the group's thread and waits until each reactor runs.
   *
   * @throws IllegalStateException if the reactors are not running within 30 seconds
   */
  @Override
  public void startService() {
    if (thread != null) {
      return;
    }
    CountDownLatch running = new CountDownLatch(group.reactors().size());
    for (NioReactor reactor : group.reactors()) {
      reactor.callWhenRunning(running::countDown);
    }
    thread = Thread.ofPlatform().name("twine-reactor-0").start(this::runGroup);
    try {
      if (!running.await(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
        group.stop();
        throw new IllegalStateException("the " + group + " was not running within " + STARTUP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the " + group, e);
    }
  }

  private void runGroup() {
    try {
      group.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the " + group + " failed", e);
    } finally {
      owner.callFromThread(() -> ended.callback(null));
    }
  }

  @Override
  public Deferred<@Nullable Void> stopService() {
    if (thread == null) {
      return Deferred.succeed(null);
    }
    group.stop();
    return ended;
  }

  @Override
  public boolean running() {
    return thread != null && !ended.called();
  }

  @Override
  public String toString() {
    return "ReactorGroupService[" + group + "]";
  }
}
