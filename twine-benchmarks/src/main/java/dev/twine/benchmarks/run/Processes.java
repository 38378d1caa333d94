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

  /**
   * Returns the last non-blank line of {@code log} (where a load generator puts its one-line
   * error), or a note that it is empty or unreadable.
   */
  static String lastLine(Path log) {
    List<String> lines = lines(log);
    return lines.isEmpty() ? "(nothing logged)" : lines.get(lines.size() - 1);
  }

  /**
   * Returns what {@code log} says in short: its first non-blank line and, when there are more,
   * its last one (a usage error names the problem first, a stack trace ends with its cause),
   * leaving out the JVM's {@code WARNING:} lines; or a note that it is empty or unreadable.
   */
  static String summary(Path log) {
    List<String> lines = lines(log);
    if (lines.isEmpty()) {
      return "(nothing logged)";
    }
    String first = lines.get(0);
    String last = lines.get(lines.size() - 1);
    return lines.size() == 1 ? first : first + " ... " + last;
  }

  private static List<String> lines(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("WARNING: "))
          .map(String::strip)
          .map(line -> line.length() > 200 ? line.substring(0, 200) + "..." : line)
          .toList();
    } catch (IOException e) {
      return List.of("(log unreadable: " + e.getMessage() + ")");
    }
  }
}
