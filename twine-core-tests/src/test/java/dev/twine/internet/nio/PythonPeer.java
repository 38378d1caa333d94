package dev.twine.internet.nio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A Python program run as a peer of the test: it prints what it has to say, one line at a time. */
final class PythonPeer implements AutoCloseable {
  private static final List<String> INTERPRETERS = List.of("python3", "/usr/bin/python3");

  private final Process process;
  private final BufferedReader output;

  private PythonPeer(Process process) {
    this.process = process;
    this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Returns the first Python 3 interpreter here that can import {@code module}, if any. */
  static Optional<String> interpreterWith(String module) {
    for (String python : INTERPRETERS) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import " + module)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
        probe.destroyForcibly();
      } catch (IOException e) {
        // not installed under this name; try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Starts {@code script} with {@code python} and {@code arguments}; its errors go to the test's. */
  static PythonPeer start(String python, String script, Object... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(python, "-c", script));
    for (Object argument : arguments) {
      command.add(String.valueOf(argument));
    }
    return new PythonPeer(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  /** Returns the next line the program prints, or fails if it exits first. */
  String nextLine() throws IOException {
    String line = output.readLine();
    if (line == null) {
      throw new IOException("the Python peer exited without saying more (exit code " + exitCode() + ")");
    }
    return line;
  }

  private String exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none yet";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
