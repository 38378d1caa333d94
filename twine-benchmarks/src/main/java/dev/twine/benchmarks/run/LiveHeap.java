package dev.twine.benchmarks.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a server that runs on a JVM, as {@code jcmd PID GC.class_histogram} reports
 * it: that command collects the whole heap first, so what it lists is reachable, whatever
 * the collector had touched before. The resident set of a JVM says little about what a
 * connection keeps: objects land in young-generation pages the JVM has already touched, and
 * the heap grows into pages it has not, so the idle-memory workload reports both.
 */
final class LiveHeap {
  private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
  private static final long LIMIT_SECONDS = 60;

  private LiveHeap() {}

  /** Returns the JVM among the server's processes (a {@code java} command), if there is one. */
  static Optional<ProcessHandle> jvm(ServerProcess server) {
    return server.processes().stream()
        .filter(process -> process.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst();
  }

  /**
   * Returns the bytes of the live objects of {@code jvm}, with {@code jcmd} from the JDK this
   * orchestrator runs on; its output goes to {@code log}.
   *
   * @throws CellException failed, if {@code jcmd} fails, overruns a minute or prints no total
   */
  static long bytes(ProcessHandle jvm, Path log) throws CellException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    BoundedRun run = BoundedRun.run(
        List.of(jcmd, String.valueOf(jvm.pid()), "GC.class_histogram"), log, LIMIT_SECONDS);
    if (run.exitCode() != 0) {
      throw CellException.failed("jcmd GC.class_histogram exited with " + run.exitCode()
          + "; see " + log);
    }
    return total(run.stdout());
  }

  /**
   * Returns the bytes of the objects in a class histogram, leaving out the filler objects that
   * recent JDKs list for unused heap ({@code jdk.internal.vm.Filler*}): they are not live.
   *
   * @throws CellException failed, if the histogram has no rows
   */
  static long total(String histogram) throws CellException {
    Matcher row = ROW.matcher(histogram);
    long total = 0;
    boolean any = false;
    while (row.find()) {
      any = true;
      if (!row.group(2).contains("jdk.internal.vm.Filler")) {
        total += Long.parseLong(row.group(1));
      }
    }
    if (!any) {
      throw CellException.failed("jcmd printed no class histogram");
    }
    return total;
  }
}
