package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end within a time limit, such as {@code wrk} or a load generator:
 * standard output is kept (and saved next to the log as {@code NAME.out}), standard error goes
 * to the log file {@code NAME.log}.
 *
 * @param exitCode the command's exit code
 * @param stdout everything it printed on standard output
 * @param log where its standard error went
 */
record BoundedRun(int exitCode, String stdout, Path log) {
  /**
   * Runs {@code command}, stopping it (and its descendants) after {@code limitSeconds}.
   *
   * @throws CellException failed, if it cannot start or overruns the limit
   */
  static BoundedRun run(List<String> command, Path log, long limitSeconds)
      throws CellException, InterruptedException {
    Path stdout = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".out");
    Process process;
    try {
      process = new ProcessBuilder(command)
          .redirectError(log.toFile())
          .redirectOutput(stdout.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
    } catch (IOException e) {
      throw CellException.failed("cannot start " + command.get(0) + ": " + e.getMessage());
    }
    if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      Processes.stop(process);
      throw CellException.failed(Path.of(command.get(0)).getFileName() + " did not finish within "
          + limitSeconds + " s");
    }
    try {
      return new BoundedRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), log);
    } catch (IOException e) {
      throw CellException.failed("cannot read the output of " + command.get(0) + ": " + e.getMessage());
    }
  }

  /** Returns the last non-blank line of standard output, or an empty string. */
  String lastLine() {
    return stdout.strip().lines().reduce((first, last) -> last).orElse("").strip();
  }

  /**
   * Returns this run when it exited with 0.
   *
   * @throws CellException failed, with the last line of standard error, otherwise
   */
  BoundedRun succeeded(String what) throws CellException {
    if (exitCode != 0) {
      throw CellException.failed(what + " exited with " + exitCode + ": " + Processes.lastLine(log));
    }
    return this;
  }
}
