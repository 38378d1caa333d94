package dev.twine.benchmarks.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The samples of one cell taken by {@code --repeat N}, one per round, and the cell they are
 * reported as: the median of the measured samples, with each numeric detail (p99, server CPU)
 * the median of its own values; failed only when no sample was measured.
 *
 * @param all the samples in the order they were taken, at least one
 */
record Samples(List<Cell> all) {
  Samples {
    all = List.copyOf(all);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("a cell needs at least one sample");
    }
  }

  /**
   * Returns the cell reported for these samples: the median of the measured ones, noting "k of
   * N failed: reason" when some were not measured; with none measured, the first failure (its
   * reason prefixed with "N of N failed: " when N is above one), or the first n/a when every
   * sample was n/a.
   */
  Cell summary() {
    List<Cell.Measured> measured = measured();
    List<Cell> missed = all.stream().filter(cell -> !(cell instanceof Cell.Measured)).toList();
    if (measured.isEmpty()) {
      return missed.stream().filter(Cell.Failed.class::isInstance).findFirst()
          .map(failed -> all.size() == 1 ? failed : new Cell.Failed(failures(missed)))
          .orElse(all.get(0));
    }
    if (measured.size() == 1 && missed.isEmpty()) {
      return measured.get(0);
    }
    Map<String, Object> details = medianDetails(measured);
    if (!missed.isEmpty()) {
      String note = failures(missed);
      details.merge("note", note, (old, added) -> old + "; " + added);
    }
    return new Cell.Measured(median(measured.stream().map(Cell.Measured::value).toList()),
        measured.get(0).unit(), details);
  }

  /**
   * Returns how far the measured samples lie from their median: half their range divided by the
   * median, in per cent; empty with fewer than two measured samples or a median of zero.
   */
  OptionalDouble spreadPercent() {
    List<Double> values = measured().stream().map(Cell.Measured::value).toList();
    if (values.size() < 2) {
      return OptionalDouble.empty();
    }
    double median = median(values);
    if (median <= 0) {
      return OptionalDouble.empty();
    }
    double range = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
        - values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    return OptionalDouble.of(range / 2 / median * 100);
  }

  /**
   * Returns the median of {@code values}: the middle one of an odd count, the mean of the two
   * middle ones of an even count.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the median of no values");
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private List<Cell.Measured> measured() {
    return all.stream().filter(Cell.Measured.class::isInstance).map(Cell.Measured.class::cast).toList();
  }

  /** Numbers become the median of the samples that have them; other details come from the first. */
  private static Map<String, Object> medianDetails(List<Cell.Measured> measured) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (Cell.Measured sample : measured) {
      sample.details().forEach(details::putIfAbsent);
    }
    for (Map.Entry<String, Object> entry : details.entrySet()) {
      if (entry.getValue() instanceof Double) {
        List<Double> values = new ArrayList<>();
        for (Cell.Measured sample : measured) {
          if (sample.details().get(entry.getKey()) instanceof Double value && Double.isFinite(value)) {
            values.add(value);
          }
        }
        entry.setValue(values.isEmpty() ? entry.getValue() : median(values));
      }
    }
    return details;
  }

  private String failures(List<Cell> missed) {
    String reason = missed.stream().filter(Cell.Failed.class::isInstance)
        .map(cell -> ((Cell.Failed) cell).reason())
        .findFirst().orElseGet(() -> "n/a: " + Figures.note(missed.get(0)));
    return missed.size() + " of " + all.size() + " failed: " + reason;
  }
}
