package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time processes have used so far: user plus system time from {@code /proc/PID/stat},
 * counted in clock ticks ({@code getconf CLK_TCK}, normally 100 a second, so 10 ms apart).
 */
final class ProcessCpu {
  /** Fields 14 and 15 of the stat line (utime, stime), counted from field 3, the state. */
  private static final int UTIME = 14 - 3;

  private static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcessCpu() {}

  /**
   * Returns the CPU time of {@code processes} together, in seconds; a process that exited
   * meanwhile counts nothing.
   */
  static double seconds(List<ProcessHandle> processes) {
    long ticks = 0;
    for (ProcessHandle process : processes) {
      try {
        ticks += ticks(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"),
            StandardCharsets.US_ASCII));
      } catch (IOException gone) {
        // The process exited between the listing and the reading: it spends nothing any more.
      }
    }
    return ticks / (double) TICKS_PER_SECOND;
  }

  /**
   * Returns utime + stime of one {@code /proc/PID/stat} line, in clock ticks. The fields are
   * counted after the last {@code ')'}, which ends the command name: the name itself may hold
   * spaces and parentheses.
   *
   * @throws IllegalArgumentException if the line has no {@code ')'} or too few numeric fields
   */
  static long ticks(String statLine) {
    int end = statLine.lastIndexOf(')');
    if (end < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
    }
    String[] fields = statLine.substring(end + 1).strip().split(" +");
    if (fields.length <= UTIME + 1) {
      throw new IllegalArgumentException("a /proc/PID/stat line without utime and stime: " + statLine);
    }
    try {
      return Long.parseLong(fields[UTIME]) + Long.parseLong(fields[UTIME + 1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("utime or stime is not a number in: " + statLine);
    }
  }

  /** Returns {@code getconf CLK_TCK}, or 100 (Linux's value on every common platform) if it fails. */
  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0 && out.matches("[1-9][0-9]{0,6}")) {
        return Long.parseLong(out);
      }
    } catch (IOException e) {
      // No getconf: Linux's usual value below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
