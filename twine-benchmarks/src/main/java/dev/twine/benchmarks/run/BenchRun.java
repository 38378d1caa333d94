package dev.twine.benchmarks.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * before the next starts; a shutdown hook stops any child left when the run is interrupted. With
 * {@code --repeat N} each workload is measured in N rounds, each round taking one sample of every
 * peer, in an order rotated by one peer from round to round (see {@link #roundOrder}), so that
 * drift over time and the place in the round fall on every peer alike; a cell reports the median
 * of its samples ({@link Samples}). A peer that is n/a in the first round is not tried again.
 * Exit codes: 0 when every cell has a figure or is n/a, 1 when some cell failed (every sample of
 * it), 2 for a bad option (one line on stderr).
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
          Map<Peer, Samples> samples = rounds(workload, reactors, session, out);
          samples.forEach((peer, taken) -> results.add(workload, reactors, peer, taken));
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

  /**
   * Measures every selected peer of {@code workload} in {@code --repeat} rounds and returns
   * their samples, printing a line per sample and, with several rounds, a line per median.
   */
  private static Map<Peer, Samples> rounds(Workload workload, int reactors, Session session,
      PrintStream out) throws InterruptedException {
    int repeat = session.options().repeat();
    List<Peer> peers = workload.peers().stream().filter(session.options()::runs).toList();
    Map<Peer, List<Cell>> taken = new LinkedHashMap<>();
    peers.forEach(peer -> taken.put(peer, new ArrayList<>()));
    for (int round = 0; round < repeat; round++) {
      for (Peer peer : roundOrder(peers, round)) {
        List<Cell> cells = taken.get(peer);
        if (!cells.isEmpty() && cells.get(0) instanceof Cell.Unavailable) {
          continue;
        }
        String name = workload.name() + "-" + peer.label() + "-r" + reactors
            + (repeat > 1 ? "-s" + (round + 1) : "");
        Cell cell = measure(workload, peer, reactors, session, name);
        cells.add(cell);
        print(out, workload, peer, reactors, repeat > 1 ? (round + 1) + "/" + repeat : "", cell);
      }
    }
    Map<Peer, Samples> samples = new LinkedHashMap<>();
    taken.forEach((peer, cells) -> samples.put(peer, new Samples(cells)));
    if (repeat > 1) {
      samples.forEach((peer, s) -> print(out, workload, peer, reactors, "median", s.summary()));
    }
    return samples;
  }

  /**
   * Returns the order {@code peers} are measured in round {@code round} (from 0): the list
   * rotated left by {@code round}, so that each peer takes each place in turn.
   */
  static <T> List<T> roundOrder(List<T> peers, int round) {
    List<T> order = new ArrayList<>(peers);
    if (!order.isEmpty()) {
      Collections.rotate(order, -(round % order.size()));
    }
    return order;
  }

  private static void print(PrintStream out, Workload workload, Peer peer, int reactors,
      String sample, Cell cell) {
    out.printf(Locale.ROOT, "%-15s %-12s r=%d %-6s %-22s %s%n", workload.name(), peer.label(),
        reactors, sample, Figures.cell(cell), Figures.note(cell));
  }

  private static Cell measure(Workload workload, Peer peer, int reactors, Session session,
      String name) throws InterruptedException {
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
