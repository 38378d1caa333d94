package dev.twine.benchmarks.run;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One row of the comparison: what is measured, in which unit, against which peers, and how.
 *
 * @param name the name {@code --only} matches, such as {@code http-plaintext}
 * @param title a short human title for tables and the chart
 * @param unit the unit of the figure
 * @param lowerIsBetter whether a smaller figure is the better one (memory, start-up time)
 * @param peers the peers measured, Twine first
 * @param how the measurement of one peer
 */
record Workload(
    String name, String title, String unit, boolean lowerIsBetter, List<Peer> peers,
    Measurement how) {

  Workload {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(unit, "unit");
    peers = List.copyOf(peers);
    if (peers.isEmpty() || peers.get(0) != Peer.TWINE) {
      throw new IllegalArgumentException("Twine must be the first peer of " + name + ": " + peers);
    }
    Objects.requireNonNull(how, "how");
  }

  /** How one peer is measured in a workload. */
  @FunctionalInterface
  interface Measurement {
    /**
     * Measures {@code peer} with {@code reactors} event-loop threads; every process it starts
     * is stopped before it returns or throws.
     *
     * @throws CellException when the peer cannot run here or gives no figure
     */
    Cell.Measured measure(Peer peer, int reactors, Session session, String cellName)
        throws CellException, IOException, InterruptedException;
  }
}
