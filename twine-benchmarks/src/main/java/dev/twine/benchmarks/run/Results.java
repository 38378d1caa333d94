package dev.twine.benchmarks.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The cells of one run, by workload, reactor count and peer, in the order they ran. */
final class Results {
  /** The cells of one workload at one reactor count, each with the samples it was taken from. */
  record Row(Workload workload, int reactors, Map<Peer, Samples> samples) {
    /** Returns the cell each peer is reported as (see {@link Samples#summary()}), in run order. */
    Map<Peer, Cell> cells() {
      Map<Peer, Cell> cells = new LinkedHashMap<>();
      samples.forEach((peer, taken) -> cells.put(peer, taken.summary()));
      return cells;
    }

    /** Returns the cell of Twine, or an "n/a" cell when Twine was not run. */
    Cell twine() {
      return cells().getOrDefault(Peer.TWINE, new Cell.Unavailable("twine not selected"));
    }

    /** Returns {@code peer}'s figure relative to Twine's (see {@link Ratio}). */
    OptionalDouble ratio(Peer peer) {
      return Ratio.toTwine(cells().getOrDefault(peer, new Cell.Unavailable("not run")), twine());
    }
  }

  private final List<Row> rows = new ArrayList<>();

  /** Records the samples of {@code peer} in {@code workload} at {@code reactors}. */
  void add(Workload workload, int reactors, Peer peer, Samples samples) {
    Row row = rows.stream()
        .filter(r -> r.workload().equals(workload) && r.reactors() == reactors)
        .findFirst()
        .orElseGet(() -> {
          Row created = new Row(workload, reactors, new LinkedHashMap<>());
          rows.add(created);
          return created;
        });
    row.samples().put(peer, samples);
  }

  /** Returns every row. */
  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Returns the rows at {@code reactors}. */
  List<Row> rows(int reactors) {
    return rows.stream().filter(row -> row.reactors() == reactors).toList();
  }

  /** Returns whether some reported cell failed (every sample of it failed). */
  boolean anyFailed() {
    return rows.stream().flatMap(row -> row.cells().values().stream())
        .anyMatch(Cell.Failed.class::isInstance);
  }
}
