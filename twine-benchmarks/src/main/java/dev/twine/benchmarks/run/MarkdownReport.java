package dev.twine.benchmarks.run;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code results.md}: the machine and the run's settings, then one table per workload (figure
 * of each peer and its ratio to Twine) and, with several reactor counts, the scaling table.
 * With {@code --repeat N} above one, figures are medians and a {@code spread} column gives half
 * the range of each cell's samples in per cent of its median; a {@code server CPU/op} column
 * appears in the tables of workloads whose cells measured the server's CPU per operation.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  /** Returns the report of {@code results}. */
  static String render(Results results, RunOptions options, Machine machine, String pinning,
      String javaOpts) {
    StringBuilder md = new StringBuilder("# Side-by-side results (bench/run)\n\n");
    md.append("- Machine: ").append(machine).append('\n');
    md.append("- Runs: ").append(options.durationSeconds()).append(" s measured after ")
        .append(options.warmupSeconds()).append(" s of warm-up; start-up is the best of ")
        .append(options.startupRuns()).append(" starts");
    if (options.repeat() > 1) {
      md.append("; every figure is the median of ").append(options.repeat())
          .append(" samples, taken in rounds over the peers in a rotated order");
    }
    md.append('\n');
    md.append("- Pinning: ").append(pinning).append('\n');
    md.append("- JAVA_OPTS (every JVM): ").append(javaOpts.isEmpty() ? "(none)" : "`" + javaOpts + "`")
        .append("\n\n");
    md.append("Ratios are peer / Twine: above 1.0 the peer has the larger figure, which is better"
        + " for rates and worse for memory and start-up time.\n");
    if (results.rows().stream().anyMatch(MarkdownReport::hasCpu)) {
      md.append("Server CPU/op is the server's CPU time (user + system, with its child processes)"
          + " in the measured window divided by the operations in it: lower is better. Busy is"
          + " that CPU time in per cent of the window, and the share of the window in which the"
          + " load's cores were busy: a load near 100 % set the rate, not the server.\n");
    }
    for (Results.Row row : results.rows()) {
      table(md, row, options.repeat() > 1);
    }
    if (options.reactors().size() > 1) {
      scaling(md, results, options.reactors());
    }
    return md.toString();
  }

  private static void table(StringBuilder md, Results.Row row, boolean spread) {
    Workload workload = row.workload();
    md.append("\n## ").append(workload.title()).append(" (`").append(workload.name()).append("`, ")
        .append(row.reactors()).append(row.reactors() == 1 ? " event-loop thread, " : " event-loop threads, ")
        .append(workload.lowerIsBetter() ? "lower" : "higher").append(" is better)\n\n");
    Map<Peer, Cell> cells = row.cells();
    boolean cpu = hasCpu(row);
    md.append("| peer | ").append(workload.unit()).append(" | vs Twine |")
        .append(spread ? " spread |" : "").append(" p99 |")
        .append(cpu ? " server CPU/op | busy: server / load |" : "").append(" notes |\n");
    md.append("| --- | ---: | ---: |").append(spread ? " ---: |" : "").append(" ---: |")
        .append(cpu ? " ---: | ---: |" : "").append(" --- |\n");
    for (Map.Entry<Peer, Cell> entry : cells.entrySet()) {
      Cell cell = entry.getValue();
      OptionalDouble ratio = row.ratio(entry.getKey());
      OptionalDouble range = row.samples().get(entry.getKey()).spreadPercent();
      String p99 = cell instanceof Cell.Measured m && m.details().get("p99_us") instanceof Double us
          && Double.isFinite(us) ? Figures.micros(us) : "";
      md.append("| ").append(entry.getKey().label())
          .append(" | ").append(cell instanceof Cell.Measured m ? Figures.value(m.value()) : Figures.cell(cell))
          .append(" | ").append(ratio.isPresent() ? Figures.ratio(ratio.getAsDouble()) : "");
      if (spread) {
        md.append(" | ").append(range.isPresent() ? Figures.spread(range.getAsDouble()) : "");
      }
      md.append(" | ").append(p99);
      if (cpu) {
        md.append(" | ").append(cpuPerOperation(cell)).append(" | ").append(busy(cell));
      }
      md.append(" | ").append(Figures.note(cell).replace("|", "\\|")).append(" |\n");
    }
  }

  private static boolean hasCpu(Results.Row row) {
    return row.cells().values().stream().anyMatch(cell -> !cpuPerOperation(cell).isEmpty());
  }

  /** Returns the cell's server CPU per operation, such as {@code 1.52 µs/msg}, or "". */
  private static String cpuPerOperation(Cell cell) {
    return cell instanceof Cell.Measured m && m.details().get("server_cpu_us_per_op") instanceof Double us
        && m.details().get("server_cpu_op") instanceof String op ? Figures.value(us) + " µs/" + op : "";
  }

  /** Returns how busy the server and the load's cores were, such as {@code 83 % / 99 %}, or "". */
  private static String busy(Cell cell) {
    if (!(cell instanceof Cell.Measured m && m.details().get("server_busy_pct") instanceof Double server)) {
      return "";
    }
    String busy = Math.round(server) + " %";
    return m.details().get("load_busy_pct") instanceof Double load
        ? busy + " / " + Math.round(load) + " %" : busy;
  }

  private static void scaling(StringBuilder md, Results results, List<Integer> reactors) {
    int first = reactors.get(0);
    md.append("\n## Scaling with event-loop threads\n\n| workload | unit | peer |");
    reactors.forEach(n -> md.append(' ').append(n).append(" |"));
    md.append(' ').append(reactors.get(reactors.size() - 1)).append(" vs ").append(first)
        .append(" |\n| --- | --- | --- |");
    md.append(" ---: |".repeat(reactors.size() + 1)).append('\n');
    for (Results.Row base : results.rows(first)) {
      for (Peer peer : base.cells().keySet()) {
        md.append("| ").append(base.workload().name()).append(" | ").append(base.workload().unit())
            .append(" | ").append(peer.label()).append(" |");
        Cell last = base.cells().get(peer);
        for (int n : reactors) {
          last = results.rows(n).stream().filter(r -> r.workload().equals(base.workload()))
              .findFirst().map(r -> r.cells().getOrDefault(peer, new Cell.Unavailable("not run")))
              .orElse(new Cell.Unavailable("not run"));
          md.append(' ').append(last instanceof Cell.Measured m ? Figures.value(m.value()) : Figures.cell(last))
              .append(" |");
        }
        OptionalDouble gain = Ratio.of(last, base.cells().get(peer));
        md.append(' ').append(gain.isPresent() ? Figures.ratio(gain.getAsDouble()) : "").append(" |\n");
      }
    }
  }
}
