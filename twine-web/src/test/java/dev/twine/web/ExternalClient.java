package dev.twine.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client program that no one here wrote, such as curl or Python, and returns what it
 * printed; the test is skipped when the program is not installed.
 */
final class ExternalClient {
  /** What a run printed and how it ended. */
  record Run(int exitCode, String out, String err) {}

  private ExternalClient() {}

  /** Returns whether {@code program} runs here, asked with {@code --version}. */
  static boolean installed(String program) {
    try {
      Process probe = new ProcessBuilder(program, "--version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code command} with {@code input} on its standard input and waits for it. */
  static Run run(String input, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).start();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (var stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(LiveSite.PATIENCE.toSeconds() * 3, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command[0] + " did not finish: " + String.join(" ", command));
    }
    return new Run(process.exitValue(), LiveSite.await(out), LiveSite.await(err));
  }

  private static CompletableFuture<String> drain(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
