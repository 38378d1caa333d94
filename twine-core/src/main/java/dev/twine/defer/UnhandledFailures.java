package dev.twine.defer;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Watches for failures left unhandled at the end of a {@link Deferred} chain.
 *
 * <p>A Deferred whose chain ends in a failure, with no step left to handle it, has an unhandled
 * failure. When such a Deferred is garbage-collected, the failure is logged once, with its stack,
 * to the {@link System.Logger} named {@code dev.twine.defer.Deferred} at level {@code ERROR}. If
 * a step is added later and handles the failure, nothing is logged.
 *
 * <p>Test kits also {@linkplain #record() record} them deterministically, without waiting for the
 * garbage collector, so a test that leaves one behind can fail.
 *
 * <p>Threading: safe to use from any thread.
 */
public final class UnhandledFailures {
  private static final System.Logger LOG = System.getLogger(Deferred.class.getName());
  private static final Cleaner CLEANER = Cleaner.create();
  private static volatile @Nullable Recording recording;

  private UnhandledFailures() {}

  /**
   * Starts recording the failures that become unhandled from now on, until the returned
   * recording is closed. Only one recording is active at a time: starting one ends the previous.
   */
  public static Recording record() {
    Recording started = new Recording();
    recording = started;
    return started;
  }

  /** Marks {@code failure}, the end of {@code owner}'s chain, as unhandled until handled. */
  static Watch watch(Object owner, Failure failure) {
    Watch watch = new Watch(failure);
    watch.cleanable = CLEANER.register(owner, watch);
    Recording current = recording;
    if (current != null) {
      watch.recording = current;
      current.add(watch);
    }
    return watch;
  }

  /**
   * Failures that became unhandled while recording and are still unhandled.
   *
   * <p>Closing it stops the recording; it can still be read afterwards.
   */
  public static final class Recording implements AutoCloseable {
    private final Set<Watch> open = new LinkedHashSet<>();

    private Recording() {}

    synchronized void add(Watch watch) {
      open.add(watch);
    }

    synchronized void remove(Watch watch) {
      open.remove(watch);
    }

    /** Returns the failures that are unhandled now, in the order they became so. */
    public synchronized List<Failure> unhandled() {
      List<Failure> failures = new ArrayList<>(open.size());
      for (Watch watch : open) {
        failures.add(watch.failure);
      }
      return failures;
    }

    /**
     * Marks every failure unhandled now as handled, so it is neither reported again nor logged
     * when collected, and returns them. A test kit calls this after reporting them.
     */
    public List<Failure> flush() {
      List<Watch> watches;
      synchronized (this) {
        watches = new ArrayList<>(open);
      }
      List<Failure> failures = new ArrayList<>(watches.size());
      for (Watch watch : watches) {
        failures.add(watch.failure);
        watch.handled();
      }
      return failures;
    }

    /** Stops recording. */
    @Override
    public void close() {
      if (recording == this) {
        recording = null;
      }
    }
  }

  /** One unhandled failure: logged when its owner is collected unless handled first. */
  static final class Watch implements Runnable {
    private final Failure failure;
    private volatile boolean handled;
    private Cleaner.@Nullable Cleanable cleanable;
    private @Nullable Recording recording;

    private Watch(Failure failure) {
      this.failure = failure;
    }

    /** Marks the failure as handled: it is not logged, and no longer recorded. */
    void handled() {
      handled = true;
      Recording from = recording;
      if (from != null) {
        from.remove(this);
      }
      Cleaner.@Nullable Cleanable registered = cleanable;
      if (registered != null) {
        registered.clean();
      }
    }

    @Override
    public void run() {
      if (!handled) {
        LOG.log(System.Logger.Level.ERROR, "Unhandled failure in Deferred:\n" + failure.traceback());
      }
    }
  }
}
