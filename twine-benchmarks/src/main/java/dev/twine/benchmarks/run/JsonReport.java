package dev.twine.benchmarks.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * {@code results.json}: every raw figure of a run, with the machine and the options, for
 * comparing runs by program. Cells are {@code {"status": "ok", "value", "unit", "ratio_to_twine",
 * "spread_pct", "details", "samples"}}, {@code {"status": "n/a", "reason", "samples"}} or {@code
 * {"status": "failed", "reason", "samples"}}: {@code value} and the numbers of {@code details} are
 * the medians of the samples (see {@link Samples}), {@code spread_pct} (with two measured samples
 * or more) half their range in per cent of the median, and {@code samples} every sample as taken,
 * each in the same form without ratio, spread or samples.
 */
final class JsonReport {
  private JsonReport() {}

  /** Returns the report of {@code results} as indented JSON. */
  static String render(Results results, RunOptions options, Machine machine, String javaOpts) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", Map.of("cores", machine.cores(), "cpu", machine.cpu(), "memory_gib",
        machine.memoryGib(), "kernel", machine.kernel(), "jdk", machine.jdk()));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("duration_s", options.durationSeconds());
    settings.put("warmup_s", options.warmupSeconds());
    settings.put("startup_runs", options.startupRuns());
    settings.put("repeat", options.repeat());
    settings.put("reactors", options.reactors());
    settings.put("peers", options.peers());
    settings.put("only", options.only().pattern());
    settings.put("java_opts", javaOpts);
    root.put("options", settings);
    root.put("results", results.rows().stream().map(JsonReport::row).toList());
    StringBuilder json = new StringBuilder();
    write(json, root, "");
    return json.append('\n').toString();
  }

  private static Map<String, Object> row(Results.Row row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workload", row.workload().name());
    json.put("title", row.workload().title());
    json.put("reactors", row.reactors());
    json.put("lower_is_better", row.workload().lowerIsBetter());
    Map<String, Object> cells = new LinkedHashMap<>();
    row.samples().forEach((peer, samples) -> {
      Map<String, Object> cell = cell(samples.summary());
      OptionalDouble ratio = row.ratio(peer);
      if (ratio.isPresent()) {
        cell.put("ratio_to_twine", ratio.getAsDouble());
      }
      OptionalDouble spread = samples.spreadPercent();
      if (spread.isPresent()) {
        cell.put("spread_pct", spread.getAsDouble());
      }
      cell.put("samples", samples.all().stream().map(JsonReport::cell).toList());
      cells.put(peer.label(), cell);
    });
    json.put("cells", cells);
    return json;
  }

  private static Map<String, Object> cell(Cell cell) {
    Map<String, Object> json = new LinkedHashMap<>();
    switch (cell) {
      case Cell.Measured m -> {
        json.put("status", "ok");
        json.put("value", m.value());
        json.put("unit", m.unit());
        json.put("details", new TreeMap<>(m.details()));
      }
      case Cell.Unavailable u -> {
        json.put("status", "n/a");
        json.put("reason", u.reason());
      }
      case Cell.Failed f -> {
        json.put("status", "failed");
        json.put("reason", f.reason());
      }
    }
    return json;
  }

  /** Appends {@code value} (a map, list, string, number or boolean) as JSON. */
  static void write(StringBuilder json, Object value, String indent) {
    switch (value) {
      case Map<?, ?> map -> {
        json.append('{');
        String inner = indent + "  ";
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          json.append(first ? "\n" : ",\n").append(inner);
          string(json, entry.getKey().toString());
          json.append(": ");
          write(json, entry.getValue(), inner);
          first = false;
        }
        json.append(first ? "}" : "\n" + indent + "}");
      }
      case List<?> list -> {
        json.append('[');
        for (int i = 0; i < list.size(); i++) {
          json.append(i == 0 ? "" : ", ");
          write(json, list.get(i), indent);
        }
        json.append(']');
      }
      case Double d -> json.append(number(d));
      case Number n -> json.append(n);
      case Boolean b -> json.append(b);
      default -> string(json, value.toString());
    }
  }

  /** Returns {@code d} as a JSON number, to three decimals or six significant digits; NaN as null. */
  static String number(double d) {
    if (!Double.isFinite(d)) {
      return "null";
    }
    String text = String.format(Locale.ROOT, Math.abs(d) >= 1 || d == 0 ? "%.3f" : "%.6g", d);
    return text.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
  }

  private static void string(StringBuilder json, String s) {
    json.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> json.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    json.append('"');
  }
}
