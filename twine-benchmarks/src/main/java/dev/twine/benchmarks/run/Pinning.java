package dev.twine.benchmarks.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Which cores a server and its load run on: the server on cores {@code 0..reactors-1}, the load
 * on the remaining ones, or unpinned when none remain (one core, or as many reactors as cores).
 *
 * @param cores how many cores the machine has
 */
record Pinning(int cores) {
  Pinning {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, got " + cores);
    }
  }

  /** Returns the {@code taskset -c} list of the server's cores. */
  String serverCores(int reactors) {
    int last = Math.min(reactors, cores) - 1;
    return last == 0 ? "0" : "0-" + last;
  }

  /** Returns the {@code taskset -c} list of the load's cores, if any core is left for it. */
  Optional<String> loadCores(int reactors) {
    if (reactors >= cores) {
      return Optional.empty();
    }
    return Optional.of(reactors == cores - 1 ? String.valueOf(reactors) : reactors + "-" + (cores - 1));
  }

  /** Returns the load's cores as numbers: empty when the load runs unpinned. */
  List<Integer> loadCoreNumbers(int reactors) {
    return reactors >= cores ? List.of() : IntStream.range(reactors, cores).boxed().toList();
  }

  /** Returns {@code command} run through {@code taskset -c} on {@code coreList}, if any. */
  static List<String> pinned(Optional<String> coreList, List<String> command) {
    if (coreList.isEmpty()) {
      return command;
    }
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", coreList.get()));
    pinned.addAll(command);
    return pinned;
  }
}
