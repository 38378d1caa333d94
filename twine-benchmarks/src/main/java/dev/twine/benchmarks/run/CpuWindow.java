package dev.twine.benchmarks.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CPU time a server (with its descendants) spends in one window of a load run, and how busy
 * the load generator's cores are in it, read from {@code /proc} at two moments scheduled when the
 * load starts: {@code startSeconds} later (the end of the warm-up) and {@code lengthSeconds}
 * after that (the measured duration). Divided by the operations of the window, the server's CPU
 * time gives its CPU per operation, a figure that does not depend on how fast the load generator
 * is: lower is better.
 *
 * <p>The window starts when the load's own warm-up ends counted from the start of its process,
 * a moment before the load's measurement starts (its JVM takes a few hundred milliseconds to
 * start); with at least a second of warm-up the server is loaded all through the window.
 */
final class CpuWindow implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "cpu-window");
    thread.setDaemon(true);
    return thread;
  });
  private final double lengthSeconds;
  private final ScheduledFuture<Reading> start;
  private final ScheduledFuture<Reading> end;

  /** The server's CPU seconds and the load's cores' time at one moment. */
  private record Reading(double serverSeconds, CoreTime loadCores) {}

  private CpuWindow(ServerProcess server, List<Integer> loadCores, double startSeconds,
      double lengthSeconds) {
    this.lengthSeconds = lengthSeconds;
    long startNanos = (long) (startSeconds * 1e9);
    Callable<Reading> read = () -> new Reading(ProcessCpu.seconds(server.processes()),
        CoreTime.now(loadCores));
    this.start = timer.schedule(read, startNanos, TimeUnit.NANOSECONDS);
    this.end = timer.schedule(read, startNanos + (long) (lengthSeconds * 1e9), TimeUnit.NANOSECONDS);
  }

  /**
   * Starts the window's clock now: call it just before the load starts. {@code loadCores} are
   * the cores the load is pinned to, none when it is not.
   *
   * @throws IllegalArgumentException if {@code startSeconds} is negative or {@code
   *     lengthSeconds} is not positive
   */
  static CpuWindow schedule(ServerProcess server, List<Integer> loadCores, double startSeconds,
      double lengthSeconds) {
    if (startSeconds < 0 || !(lengthSeconds > 0)) {
      throw new IllegalArgumentException("need startSeconds >= 0 and lengthSeconds > 0, got "
          + startSeconds + " and " + lengthSeconds);
    }
    return new CpuWindow(server, loadCores, startSeconds, lengthSeconds);
  }

  /**
   * Waits for the end of the window and returns {@code server_cpu_s} (CPU seconds used in it),
   * {@code server_cpu_us_per_op} (microseconds of CPU per {@code operation}, the window's CPU
   * time divided by {@code operationsPerSecond} times its length) and {@code server_cpu_op}
   * ({@code operation}), {@code server_busy_pct} (that CPU time in per cent of the window) and,
   * with load cores, {@code load_busy_pct} (the share of the window in which they were busy); an
   * empty map when a reading failed or no operation was counted. A load busy near 100 % while
   * the server is not says that the load generator, not the server, set the rate.
   */
  Map<String, Object> perOperation(double operationsPerSecond, String operation)
      throws InterruptedException {
    Map<String, Object> details = new LinkedHashMap<>();
    double operations = operationsPerSecond * lengthSeconds;
    if (!(operations > 0)) {
      return details;
    }
    try {
      long waitNanos = end.getDelay(TimeUnit.NANOSECONDS) + TimeUnit.SECONDS.toNanos(10);
      Reading last = end.get(waitNanos, TimeUnit.NANOSECONDS);
      Reading first = start.get();
      double cpu = last.serverSeconds() - first.serverSeconds();
      details.put("server_cpu_s", cpu);
      details.put("server_cpu_us_per_op", cpu * 1e6 / operations);
      details.put("server_cpu_op", operation);
      details.put("server_busy_pct", 100 * cpu / lengthSeconds);
      double load = last.loadCores().busyPercentSince(first.loadCores());
      if (Double.isFinite(load)) {
        details.put("load_busy_pct", load);
      }
    } catch (ExecutionException | TimeoutException e) {
      // No reading, no figure: the cell keeps its throughput.
    }
    return details;
  }

  /** Stops the readings still to come. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
