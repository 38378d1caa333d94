package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A peer server started by the orchestrator, ready on its port, and stopped by process id (with
 * its descendants, such as nginx's workers) on {@link #close()}.
 */
final class ServerProcess implements AutoCloseable {
  static final long READY_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with its output going to {@code log} and waits until {@code
   * readiness} sees it on {@code port}.
   *
   * @throws CellException failed, if it cannot start, exits, or is not ready within 60 seconds;
   *     the process is stopped before this is thrown
   */
  static ServerProcess start(List<String> command, Path log, Readiness readiness, int port)
      throws CellException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
    } catch (IOException e) {
      throw CellException.failed("cannot start " + command.get(0) + ": " + e.getMessage());
    }
    ServerProcess server = new ServerProcess(process, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    while (!readiness.probe(port)) {
      if (!process.isAlive()) {
        server.close();
        throw CellException.failed("server exited with " + process.exitValue() + " before it was"
            + " ready: " + Processes.summary(log));
      }
      if (System.nanoTime() > deadline) {
        server.close();
        throw CellException.failed("server not ready on port " + port + " after "
            + READY_TIMEOUT_SECONDS + " s: " + Processes.summary(log));
      }
      Thread.sleep(2);
    }
    return server;
  }

  /** Returns the process id of the server. */
  long pid() {
    return process.pid();
  }

  /** Returns the server and its descendants, such as nginx's workers. */
  List<ProcessHandle> processes() {
    return Stream.concat(Stream.of(process.toHandle()),
        process.descendants()).toList();
  }

  /** Returns the file the server's output goes to. */
  Path log() {
    return log;
  }

  /** Stops the server and its descendants (see {@link Processes#stop}). */
  @Override
  public void close() throws InterruptedException {
    Processes.stop(process);
  }
}
