package dev.twine.benchmarks.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping processes by id together with their descendants, and reading what they logged. */
final class Processes {
  private Processes() {}

  /**
   * Stops {@code process} and every descendant it has: SIGTERM first, then SIGKILL to whatever
   * is still alive 5 seconds later; returns once all of them have exited or been killed.
   */
  static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(0, process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle handle : all) {
      while (handle.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    for (ProcessHandle handle : all) {
      if (handle.isAlive()) {
        handle.destroyForcibly();
      }
    }
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** Returns the last non-blank line of {@code log}, or a note that it is empty or unreadable. */
  static String lastLine(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .reduce((first, last) -> last)
          .map(String::strip)
          .orElse("(nothing logged)");
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
