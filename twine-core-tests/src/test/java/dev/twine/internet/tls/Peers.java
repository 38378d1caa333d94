package dev.twine.internet.tls;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real TLS peers that no one here wrote (OpenSSL, curl, Python, Twisted), run as processes with
 * bounded waits. Tests skip with a clear message when one is not installed.
 */
final class Peers {
  static final Duration LIMIT = Duration.ofSeconds(20);

  private Peers() {}

  /** Returns the path of {@code tool} on the PATH, if it is there. */
  static Optional<String> tool(String tool) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /** Returns a Python interpreter that can import every one of {@code modules}, if there is one. */
  static Optional<String> python(String... modules) {
    List<String> candidates = new ArrayList<>();
    tool("python3").ifPresent(candidates::add);
    candidates.add("/usr/bin/python3");
    for (String python : candidates) {
      if (!Files.isExecutable(Path.of(python))) {
        continue;
      }
      try {
        Process check = new ProcessBuilder(python, "-c", "import " + String.join(", ", modules))
            .redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        if (check.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) && check.exitValue() == 0) {
          return Optional.of(python);
        }
        check.destroyForcibly();
      } catch (IOException e) {
        // not usable: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A peer process whose output (stdout and stderr together) is collected as it comes. */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    Running(List<String> command, String input) throws IOException {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      reader = Thread.ofPlatform().daemon().start(() -> collect(process.getInputStream()));
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    private void collect(InputStream in) {
      byte[] buffer = new byte[4096];
      try {
        for (int count; (count = in.read(buffer)) >= 0; ) {
          output.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    /** Sends {@code input} to the peer's standard input. */
    void send(String input) throws IOException {
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    /** Waits until the output contains {@code text}; returns the output so far. */
    String awaitOutput(String text) throws InterruptedException {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (!output.toString().contains(text)) {
        if (System.nanoTime() > deadline || (!process.isAlive() && !reader.isAlive())) {
          throw new AssertionError("the peer's output never contained \"" + text + "\":\n" + output);
        }
        Thread.sleep(20);
      }
      return output.toString();
    }

    /** Waits for the process to exit; returns everything it wrote. */
    String awaitExit() throws InterruptedException {
      if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("the peer did not exit within " + LIMIT + ":\n" + output);
      }
      reader.join(LIMIT.toMillis());
      return output.toString();
    }

    int exitValue() {
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }
}
