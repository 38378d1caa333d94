package dev.twine.benchmarks.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: the time from starting the server process to its first {@code 200} answer to
 * {@code GET /plaintext}, polled over fresh connections; the best of {@link
 * RunOptions#startupRuns()} starts counts, every start is in the details. With {@code --repeat}
 * each sample takes its own best and the cell reports the median of those.
 */
record StartupTime() implements Workload.Measurement {
  @Override
  public Cell.Measured measure(Peer peer, int reactors, Session session, String cellName)
      throws CellException, IOException, InterruptedException {
    List<Double> runs = new ArrayList<>();
    for (int run = 0; run < session.options().startupRuns(); run++) {
      int port = session.freePort();
      List<String> command = Servers.command(peer, Service.HTTP, port, reactors, session);
      long start = System.nanoTime();
      try (ServerProcess ignored = session.startServer(cellName, command, Readiness.HTTP, port, reactors)) {
        runs.add((System.nanoTime() - start) / (double) TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      details.put("run" + (i + 1) + "_ms", runs.get(i));
    }
    return new Cell.Measured(runs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        "ms", details);
  }
}
