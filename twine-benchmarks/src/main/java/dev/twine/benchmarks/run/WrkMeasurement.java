package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP server measured with {@code wrk -t1} in TechEmpower's order: a primer on {@value
 * #PRIMER_CONNECTIONS} connections, a warm-up on the measured number of connections, then the
 * measured run; the figure is wrk's requests per second. Non-2xx responses fail the cell. Each
 * run opens its own connections, so the server has closed and accepted connections under load
 * before the measured run starts: a JIT compiler has seen those paths too.
 * The server's CPU time during the measured run (a {@link CpuWindow} from its start, as long as
 * the duration), divided by its requests, is {@code server_cpu_us_per_op}.
 *
 * @param service what the server serves
 * @param connections how many connections wrk keeps open
 * @param pipelineDepth requests sent back to back on a connection ({@code bench/wrk/pipeline.lua}),
 *     or 1 for none
 * @param path the path requested, or null for the static file ({@link Servers#staticPath})
 */
record WrkMeasurement(Service service, int connections, int pipelineDepth,
    @Nullable String path) implements Workload.Measurement {

  static final String PIPELINE_SCRIPT = "bench/wrk/pipeline.lua";
  static final int PRIMER_CONNECTIONS = 8;

  @Override
  public Cell.Measured measure(Peer peer, int reactors, Session session, String cellName)
      throws CellException, IOException, InterruptedException {
    if (Session.program("wrk").isEmpty()) {
      throw CellException.unavailable("wrk is not installed (apt-get install wrk)");
    }
    Path script = session.root().resolve(PIPELINE_SCRIPT);
    if (pipelineDepth > 1 && !Files.isRegularFile(script)) {
      throw CellException.unavailable(PIPELINE_SCRIPT + " is missing");
    }
    int port = session.freePort();
    List<String> server = Servers.command(peer, service, port, reactors, session);
    String url = "http://" + Session.HOST + ":" + port + (path == null ? Servers.staticPath(peer) : path);
    RunOptions options = session.options();
    try (ServerProcess started = session.startServer(cellName, server, service.readiness(), port, reactors)) {
      if (options.warmupSeconds() > 0) {
        session.runLoad(cellName + "-primer", command(PRIMER_CONNECTIONS,
            primerSeconds(options.warmupSeconds()), url, script), reactors).succeeded("wrk");
        session.runLoad(cellName + "-warmup", command(connections, options.warmupSeconds(), url,
            script), reactors).succeeded("wrk");
      }
      WrkOutput out;
      Map<String, Object> cpuDetails;
      try (CpuWindow cpu = CpuWindow.schedule(started,
          session.pinning().loadCoreNumbers(reactors), 0, options.durationSeconds())) {
        BoundedRun run = session.runLoad(cellName, command(connections, options.durationSeconds(),
            url, script), reactors).succeeded("wrk");
        out = WrkOutput.parse(run.stdout());
        cpuDetails = cpu.perOperation(out.requestsPerSecond(), "req");
      } catch (IllegalArgumentException e) {
        throw CellException.failed(e.getMessage());
      }
      if (out.requests() == 0 || out.badResponses() > 0) {
        throw CellException.failed(out.requests() + " requests, " + out.badResponses()
            + " of them answered with a status other than 2xx or 3xx");
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("latency_avg_us", out.latencyAvgMicros());
      details.put("p99_us", out.p99Micros());
      details.put("transfer_bytes_per_s", out.bytesPerSecond());
      details.put("requests", (double) out.requests());
      details.put("socket_errors", (double) out.socketErrors());
      details.putAll(cpuDetails);
      return new Cell.Measured(out.requestsPerSecond(), "req/s", details);
    }
  }

  /**
   * Returns how long the primer runs before a warm-up of {@code warmupSeconds}: half of it,
   * rounded up, and at most TechEmpower's 5 s.
   */
  static int primerSeconds(int warmupSeconds) {
    return Math.min(5, (warmupSeconds + 1) / 2);
  }

  /**
   * Returns the wrk command line of one run of {@code seconds} on {@code open} connections
   * against {@code url}.
   */
  List<String> command(int open, int seconds, String url, Path script) {
    List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + open,
        "-d" + seconds + "s", "--timeout", "8s", "--latency",
        "-H", "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,"
            + "application/xml;q=0.8,*/*;q=0.7",
        "-H", "Connection: keep-alive"));
    if (pipelineDepth > 1) {
      command.addAll(List.of("-s", script.toString(), url, "--", String.valueOf(pipelineDepth)));
    } else {
      command.add(url);
    }
    return command;
  }
}
