package dev.twine.benchmarks.run;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one workload against one peer: a figure, a peer that could not run here (not
 * installed, not built, no epoll), or a run that failed (the peer did not become ready, the load
 * generator reported an error, a step overran its time).
 */
sealed interface Cell {
  /**
   * A measured figure in {@code unit}, with every other number or string the measurement gave
   * (latency percentiles, socket errors, notes) in {@code details}.
   */
  record Measured(double value, String unit, Map<String, Object> details) implements Cell {
    public Measured {
      if (!Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("value must be finite and not negative, got " + value);
      }
      Objects.requireNonNull(unit, "unit");
      details = Map.copyOf(details);
    }
  }

  /** A peer that cannot run on this machine or checkout, and why. */
  record Unavailable(String reason) implements Cell {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A run that started but gave no figure, and why. */
  record Failed(String reason) implements Cell {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
