package dev.twine.benchmarks.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The side-by-side benchmark: runs every selected workload against every selected peer and
 * writes {@code results.json}, {@code results.md} and {@code chart.svg} to the output directory.
 * {@code bench/run} builds the jar and starts it; by hand:
 *
 * <pre>{@code
 * java -Dtwine.root=. -cp twine-benchmarks/target/benchmarks.jar \
 *     dev.twine.benchmarks.run.BenchRun --quick --only 'plaintext|json' --peers twine,nginx
 * }</pre>
 *
 * <p>Cells run one after the other, each with its own server process stopped by process id
 * before the next starts; a shutdown hook stops any child left when the run is interrupted. Exit
 * codes: 0 when every cell has a figure or is n/a, 1 when some cell failed, 2 for a bad option
 * (one line on stderr).
 */
public final class BenchRun {
  private BenchRun() {}

  /** Runs the benchmark with {@code args} (see {@code bench/run}) and exits with its code. */
  public static void main(String[] args) throws InterruptedException {
    Path root = Path.of(System.getProperty("twine.root", ".")).toAbsolutePath().normalize();
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    System.exit(execute(List.of(args), root, System.out, System.err));
  }

  /**
   * Runs the benchmark with {@code args} from repository {@code root} and returns the exit code;
   * a bad option is reported on {@code err} in one line before anything runs.
   */
  static int execute(List<String> args, Path root, PrintStream out, PrintStream err)
      throws InterruptedException {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(RunOptions.USAGE);
      return 0;
    }
    RunOptions options;
    try {
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      options = RunOptions.parse(args, root.resolve("bench/results").resolve(stamp));
    } catch (IllegalArgumentException e) {
      err.println("bench/run: " + e.getMessage());
      return 2;
    }
    List<Workload> workloads = Catalog.workloads().stream().filter(w -> options.runs(w.name())).toList();
    if (workloads.isEmpty()) {
      err.println("bench/run: --only " + options.only().pattern() + " selects no workload");
      return 2;
    }
    try {
      return run(options, workloads, root, out);
    } catch (IOException e) {
      err.println("bench/run: " + e.getMessage());
      return 1;
    }
  }

  private static int run(RunOptions options, List<Workload> workloads, Path root, PrintStream out)
      throws IOException, InterruptedException {
    Machine machine = Machine.current();
    Pinning pinning = new Pinning(machine.cores());
    Path work = Files.createTempDirectory("twine-bench-");
    long started = System.nanoTime();
    Results results = new Results();
    try {
      Session session = new Session(options, root, work, pinning);
      out.println("bench/run: " + machine + "; results in " + options.out());
      buildTwine(session, out);
      for (int reactors : options.reactors()) {
        for (Workload workload : workloads) {
          for (Peer peer : workload.peers().stream().filter(options::runs).toList()) {
            Cell cell = measure(workload, peer, reactors, session);
            results.add(workload, reactors, peer, cell);
            out.printf(Locale.ROOT, "%-15s %-12s r=%d  %-22s %s%n", workload.name(), peer.label(),
                reactors, Figures.cell(cell), Figures.note(cell));
          }
          write(results, options, machine, pinning, session);
        }
      }
    } finally {
      delete(work);
    }
    long minutes = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    out.printf(Locale.ROOT, "bench/run: done in %d min %d s; %s%n", minutes / 60, minutes % 60,
        options.out().resolve("results.md"));
    return results.anyFailed() ? 1 : 0;
  }

  /** Builds Twine's launcher before any peer starts; a failure shows in every Twine cell. */
  private static void buildTwine(Session session, PrintStream out) throws InterruptedException {
    try {
      session.buildTwine();
    } catch (CellException e) {
      out.println("bench/run: " + e.getMessage());
    }
  }

  private static Cell measure(Workload workload, Peer peer, int reactors, Session session)
      throws InterruptedException {
    String name = workload.name() + "-" + peer.label() + "-r" + reactors;
    try {
      return workload.how().measure(peer, reactors, session, name);
    } catch (CellException e) {
      return e.cell();
    } catch (IOException | RuntimeException e) {
      return new Cell.Failed(e.toString());
    }
  }

  private static void write(Results results, RunOptions options, Machine machine, Pinning pinning,
      Session session) throws IOException {
    Files.createDirectories(options.out());
    String javaOpts = String.join(" ", session.javaOpts());
    int first = options.reactors().get(0);
    String pinned = "server on cores " + pinning.serverCores(first) + ", load on "
        + pinning.loadCores(first).map(cores -> "cores " + cores).orElse("any core")
        + " (taskset), at " + threads(first);
    Files.writeString(options.out().resolve("results.md"),
        MarkdownReport.render(results, options, machine, pinned, javaOpts), StandardCharsets.UTF_8);
    Files.writeString(options.out().resolve("results.json"),
        JsonReport.render(results, options, machine, javaOpts), StandardCharsets.UTF_8);
    Files.writeString(options.out().resolve("chart.svg"),
        SvgChart.render(results.rows(first), "Twine side by side, " + threads(first) + ", "
            + machine.cores() + " cores"), StandardCharsets.UTF_8);
  }

  private static String threads(int count) {
    return count + (count == 1 ? " event-loop thread" : " event-loop threads");
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
