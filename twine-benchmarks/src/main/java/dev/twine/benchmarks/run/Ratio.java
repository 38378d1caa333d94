package dev.twine.benchmarks.run;

import java.util.OptionalDouble;

/**
 * The figure of one cell relative to another's, such as a peer's to Twine's in the same
 * workload ({@code peer / twine}: Twine is 1.0 and a peer twice as fast, or using twice the
 * memory, is 2.0) or a peer's at N reactors to its own at one.
 */
final class Ratio {
  private Ratio() {}

  /** Returns {@code peer / twine}, when both were measured and Twine's figure is above zero. */
  static OptionalDouble toTwine(Cell peer, Cell twine) {
    return of(peer, twine);
  }

  /** Returns {@code cell / base}, when both were measured and {@code base} is above zero. */
  static OptionalDouble of(Cell cell, Cell base) {
    if (cell instanceof Cell.Measured c && base instanceof Cell.Measured b && b.value() > 0) {
      return OptionalDouble.of(c.value() / b.value());
    }
    return OptionalDouble.empty();
  }
}
