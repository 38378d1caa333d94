package dev.twine.benchmarks.run;

import java.util.Locale;

/** How figures are printed in the console, the tables and the chart. */
final class Figures {
  private Figures() {}

  /** Returns {@code value} with three significant digits at least and thousands separated. */
  static String value(double value) {
    if (value >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** Returns a ratio to Twine such as {@code 0.87}. */
  static String ratio(double ratio) {
    return String.format(Locale.ROOT, ratio >= 10 ? "%.1f" : "%.2f", ratio);
  }

  /** Returns a spread given in per cent, such as {@code ±3.2 %}. */
  static String spread(double percent) {
    return String.format(Locale.ROOT, percent >= 10 ? "±%.0f %%" : "±%.1f %%", percent);
  }

  /** Returns a time given in microseconds in the unit that reads best. */
  static String micros(double micros) {
    if (micros >= 1e6) {
      return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }
    if (micros >= 1e3) {
      return String.format(Locale.ROOT, "%.2f ms", micros / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f µs", micros);
  }

  /** Returns what a cell shows: its figure and unit, "n/a" or "failed". */
  static String cell(Cell cell) {
    return switch (cell) {
      case Cell.Measured m -> value(m.value()) + " " + m.unit();
      case Cell.Unavailable u -> "n/a";
      case Cell.Failed f -> "failed";
    };
  }

  /** Returns why a cell has no figure, its note, or an empty string. */
  static String note(Cell cell) {
    return switch (cell) {
      case Cell.Measured m -> {
        StringBuilder note = new StringBuilder();
        if (m.details().get("server") instanceof String server) {
          note.append("server: ").append(server);
        }
        if (m.details().get("note") instanceof String text) {
          note.append(note.isEmpty() ? "" : "; ").append(text);
        }
        yield note.toString();
      }
      case Cell.Unavailable u -> u.reason();
      case Cell.Failed f -> f.reason();
    };
  }
}
