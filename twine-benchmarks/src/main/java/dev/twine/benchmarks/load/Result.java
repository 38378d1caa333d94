package dev.twine.benchmarks.load;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one load run measured: named numbers and strings, in the order they were added, printed
 * as one flat JSON object on one line. By convention {@code value} is the headline figure and
 * {@code unit} names its unit. Numbers are printed with six significant digits.
 */
public final class Result {
  private static final MathContext SIGNIFICANT = new MathContext(6);
  private final Map<String, Object> fields = new LinkedHashMap<>();

  /**
   * Adds (or replaces) a number; returns this result.
   *
   * @throws IllegalArgumentException if the number is infinite or NaN, which JSON cannot hold
   */
  public Result with(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, got " + value);
    }
    fields.put(name, value);
    return this;
  }

  /** Adds (or replaces) a string; returns this result. */
  public Result with(String name, String value) {
    fields.put(name, value);
    return this;
  }

  /**
   * Returns the number named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such number
   */
  public double number(String name) {
    if (!(fields.get(name) instanceof Double value)) {
      throw new IllegalArgumentException("no number named " + name + " in " + toJson());
    }
    return value;
  }

  /** Returns the fields as one flat JSON object on one line. */
  public String toJson() {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, value) -> {
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append('"').append(name).append("\": ");
      if (value instanceof Double number) {
        json.append(BigDecimal.valueOf(number).round(SIGNIFICANT).stripTrailingZeros()
            .toPlainString());
      } else {
        json.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    });
    return json.append('}').toString();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
