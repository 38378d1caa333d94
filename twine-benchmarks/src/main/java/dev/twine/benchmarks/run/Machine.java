package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a run measured: cores, processor, memory, kernel and the JDK of every JVM.
 *
 * @param cores available processors
 * @param cpu the processor's model name, or "unknown"
 * @param memoryGib total memory in GiB, or 0 when unknown
 * @param kernel the operating system and kernel version
 * @param jdk the JDK's vendor and version
 */
record Machine(int cores, String cpu, long memoryGib, String kernel, String jdk) {
  /** Returns this machine, read from the JVM and {@code /proc}. */
  static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        proc("cpuinfo", "(?m)^model name\\s*:\\s*(.+)$").orElse("unknown"),
        proc("meminfo", "(?m)^MemTotal:\\s+(\\d+) kB").map(kib -> Long.parseLong(kib) / (1024 * 1024))
            .orElse(0L),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
  }

  @Override
  public String toString() {
    return cores + " cores (" + cpu + "), " + (memoryGib > 0 ? memoryGib + " GiB, " : "") + kernel
        + ", JDK " + jdk;
  }

  private static Optional<String> proc(String file, String regex) {
    try {
      Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of("/proc", file)));
      return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
