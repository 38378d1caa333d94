package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How long some cores have been busy and how long they have been counted, summed over the cores,
 * from their {@code cpuN} lines of {@code /proc/stat} (clock ticks since boot). Busy is user,
 * nice, system, irq and softirq time; counted adds idle, iowait and the time the hypervisor stole.
 * Two readings give the share of a window in which the cores were busy, whatever ran on them.
 *
 * @param busy ticks the cores were busy
 * @param counted ticks counted in all
 */
record CoreTime(long busy, long counted) {
  /** Reads the cores' time now; zero for both when {@code /proc/stat} cannot be read. */
  static CoreTime now(List<Integer> cores) {
    try {
      return of(Files.readString(Path.of("/proc/stat"), StandardCharsets.US_ASCII), cores);
    } catch (IOException | IllegalArgumentException e) {
      return new CoreTime(0, 0);
    }
  }

  /**
   * Returns the time of {@code cores} in {@code procStat}, the text of {@code /proc/stat}.
   *
   * @throws IllegalArgumentException if a core has no line or its line has fewer than 8 numbers
   */
  static CoreTime of(String procStat, List<Integer> cores) {
    long busy = 0;
    long counted = 0;
    for (int core : cores) {
      String prefix = "cpu" + core + " ";
      String line = procStat.lines().filter(l -> l.startsWith(prefix)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no line for core " + core + " in /proc/stat"));
      String[] fields = line.substring(prefix.length()).strip().split(" +");
      if (fields.length < 8) {
        throw new IllegalArgumentException("too few fields for core " + core + ": " + line);
      }
      long[] ticks = new long[8];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = Long.parseLong(fields[i]);
      }
      long coreBusy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6];
      busy += coreBusy;
      counted += coreBusy + ticks[3] + ticks[4] + ticks[7];
    }
    return new CoreTime(busy, counted);
  }

  /** Returns the per cent of the time since {@code earlier} that the cores were busy, or NaN. */
  double busyPercentSince(CoreTime earlier) {
    long window = counted - earlier.counted;
    return window > 0 ? 100.0 * (busy - earlier.busy) / window : Double.NaN;
  }
}
