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
    try (ServerProcess ignored = session.startServer(cellName, serverCommand, service.readiness(),
        port, reactors)) {
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
      }
      return new Cell.Measured(value, unit, result);
    }
  }
}
