package dev.twine.benchmarks.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server measured with one of the load generators of {@code dev.twine.benchmarks.load}, run
 * as {@code LOAD --host 127.0.0.1 --port P --duration D --warmup W ARGS}; the figure is {@code
 * value} of the flat JSON object on its last line of output, the other members are details.
 *
 * <p>With {@code clientLibraries}, the peers are the load generator's client libraries ({@code
 * --client twine|netty|vertx} is added) and the server is always the same: nginx, or Twine when
 * nginx is not installed.
 *
 * <p>For server peers the server's CPU time in the measured window (see {@link CpuWindow}) is
 * divided by the window's operations ({@link Rate}) into {@code server_cpu_us_per_op}; not with
 * client libraries (the server is not what is compared) nor without warm-up (the window would
 * begin before the load is connected).
 *
 * @param service what the server serves
 * @param loadClass the load generator's simple class name, such as {@code TcpEchoLoad}
 * @param args the load generator's own arguments
 * @param clientLibraries whether the peers are client libraries rather than servers
 */
record LoadMeasurement(Service service, String loadClass, List<String> args, boolean clientLibraries)
    implements Workload.Measurement {

  private static final String PACKAGE = "dev.twine.benchmarks.load.";

  LoadMeasurement {
    args = List.copyOf(args);
  }

  @Override
  public Cell.Measured measure(Peer peer, int reactors, Session session, String cellName)
      throws CellException, IOException, InterruptedException {
    int port = session.freePort();
    RunOptions options = session.options();
    List<String> loadArgs = new ArrayList<>(List.of("--host", Session.HOST, "--port",
        String.valueOf(port), "--duration", String.valueOf(options.durationSeconds()), "--warmup",
        String.valueOf(options.warmupSeconds())));
    loadArgs.addAll(args);
    Peer server = peer;
    List<String> serverCommand;
    if (clientLibraries) {
      loadArgs.addAll(List.of("--client", peer.label()));
      try {
        server = Peer.NGINX;
        serverCommand = Servers.command(server, service, port, reactors, session);
      } catch (CellException noNginx) {
        server = Peer.TWINE;
        serverCommand = Servers.command(server, service, port, reactors, session);
      }
    } else {
      serverCommand = Servers.command(peer, service, port, reactors, session);
    }
    List<String> load = session.javaMain(PACKAGE + loadClass, loadArgs);
    try (ServerProcess started = session.startServer(cellName, serverCommand, service.readiness(),
            port, reactors);
        CpuWindow cpu = CpuWindow.schedule(started, session.pinning().loadCoreNumbers(reactors),
            options.warmupSeconds(), options.durationSeconds())) {
      BoundedRun run = session.runLoad(cellName, load, reactors).succeeded(loadClass);
      Map<String, Object> result;
      try {
        result = new HashMap<>(FlatJson.parse(run.lastLine()));
      } catch (IllegalArgumentException e) {
        throw CellException.failed(loadClass + " printed no result: " + e.getMessage());
      }
      if (!(result.remove("value") instanceof Double value)) {
        throw CellException.failed(loadClass + " gave no number \"value\": " + run.lastLine());
      }
      String unit = result.remove("unit") instanceof String u ? u : "";
      if (clientLibraries) {
        result.put("server", server.label());
      } else if (options.warmupSeconds() > 0) {
        Rate rate = Rate.of(value, unit, result, options.durationSeconds());
        result.putAll(cpu.perOperation(rate.perSecond(), rate.operation()));
      }
      return new Cell.Measured(value, unit, result);
    }
  }

  /**
   * The operations a load generator counted per second and their name: its messages when it
   * reports them ({@code messages_per_s}, or {@code echoes} in the whole measured {@code
   * duration}), otherwise what its unit counts, such as {@code datagram} for {@code
   * datagrams/s} or {@code MB} for {@code MB/s}.
   */
  record Rate(double perSecond, String operation) {
    static Rate of(double value, String unit, Map<String, Object> details, int duration) {
      if (details.get("messages_per_s") instanceof Double messages) {
        return new Rate(messages, "msg");
      }
      if (details.get("echoes") instanceof Double echoes) {
        return new Rate(echoes / duration, "msg");
      }
      String counted = unit.replaceFirst("/s$", "");
      return new Rate(value, counted.endsWith("s") ? counted.substring(0, counted.length() - 1) : counted);
    }
  }
}
