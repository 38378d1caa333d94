package dev.twine.benchmarks.run;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one {@code wrk --latency} run, read from its text output: times in
 * microseconds, transfer in bytes per second; {@code p99Micros} is NaN when wrk printed no
 * latency distribution or a 99th percentile of 0 (which it does when its histogram overflows,
 * as with deep pipelining).
 */
record WrkOutput(
    double requestsPerSecond,
    double bytesPerSecond,
    double latencyAvgMicros,
    double p99Micros,
    long requests,
    long socketErrors,
    long badResponses) {

  private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s+(\\S+)");
  private static final Pattern TRANSFER = Pattern.compile("(?m)^Transfer/sec:\\s+(\\S+)");
  private static final Pattern LATENCY = Pattern.compile("(?m)^\\s+Latency\\s+(\\S+)");
  private static final Pattern P99 = Pattern.compile("(?m)^\\s+99(?:\\.0+)?%\\s+(\\S+)");
  private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
  private static final Pattern SOCKET_ERRORS = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern BAD = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([A-Za-z]*)");

  /**
   * Parses the output of {@code wrk}.
   *
   * @throws IllegalArgumentException if there is no {@code Requests/sec} line or a figure has a
   *     unit wrk does not print
   */
  static WrkOutput parse(String output) {
    Matcher rate = RATE.matcher(output);
    if (!rate.find()) {
      throw new IllegalArgumentException("no Requests/sec line in wrk's output: "
          + output.strip().lines().reduce((first, last) -> last).orElse("(empty)"));
    }
    Matcher requests = REQUESTS.matcher(output);
    long socketErrors = 0;
    Matcher errors = SOCKET_ERRORS.matcher(output);
    if (errors.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(errors.group(group));
      }
    }
    Matcher bad = BAD.matcher(output);
    return new WrkOutput(
        count(rate.group(1)),
        find(TRANSFER, output).map(WrkOutput::bytes).orElse(0.0),
        find(LATENCY, output).map(WrkOutput::micros).orElse(Double.NaN),
        find(P99, output).map(WrkOutput::micros).filter(p99 -> p99 > 0).orElse(Double.NaN),
        requests.find() ? Long.parseLong(requests.group(1)) : 0,
        socketErrors,
        bad.find() ? Long.parseLong(bad.group(1)) : 0);
  }

  /** Returns a count such as {@code 1234.5}, {@code 12.3k} or {@code 1.2M}. */
  static double count(String text) {
    Matcher m = quantity(text);
    return Double.parseDouble(m.group(1)) * switch (m.group(2)) {
      case "" -> 1;
      case "k" -> 1e3;
      case "M" -> 1e6;
      case "G" -> 1e9;
      default -> throw unit(text);
    };
  }

  /** Returns a time such as {@code 850.00us}, {@code 1.2ms}, {@code 2.00s} or {@code 1.5m} in µs. */
  static double micros(String text) {
    Matcher m = quantity(text);
    return Double.parseDouble(m.group(1)) * switch (m.group(2)) {
      case "us" -> 1;
      case "ms" -> 1e3;
      case "s" -> 1e6;
      case "m" -> 60e6;
      case "h" -> 3600e6;
      default -> throw unit(text);
    };
  }

  /** Returns an amount of data such as {@code 512.00B}, {@code 1.5KB} or {@code 12.3MB} in bytes. */
  static double bytes(String text) {
    Matcher m = quantity(text);
    return Double.parseDouble(m.group(1)) * switch (m.group(2)) {
      case "B" -> 1;
      case "KB" -> 1024;
      case "MB" -> 1024.0 * 1024;
      case "GB" -> 1024.0 * 1024 * 1024;
      case "TB" -> 1024.0 * 1024 * 1024 * 1024;
      default -> throw unit(text);
    };
  }

  private static Matcher quantity(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a wrk figure: \"" + text + "\"");
    }
    return m;
  }

  private static IllegalArgumentException unit(String text) {
    return new IllegalArgumentException("unknown unit in wrk figure \"" + text + "\"");
  }

  private static Optional<String> find(Pattern pattern, String output) {
    Matcher m = pattern.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.1f req/s, p99 %.0f us", requestsPerSecond, p99Micros);
  }
}
