package dev.twine.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code --name value} options of the benchmark servers and load generators, and
 * turns a failed run into the one-line message and exit code 1 that the benchmark orchestrator
 * expects.
 *
 * <p>Every option takes exactly one value; a main names the options it accepts, so that a
 * misspelt option fails at once instead of silently taking its default. Instances are immutable.
 *
 * <pre>{@code
 * public static void main(String[] argv) {
 *   Args.run(() -> {
 *     Args args = Args.parse(argv, "port", "threads");
 *     int port = args.integer("port", 8000);
 *     int threads = args.integer("threads", 1);
 *     ...
 *   });
 * }
 * }</pre>
 */
public final class Args {
  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /** A main's body: the work it does, which may fail with any exception. */
  @FunctionalInterface
  public interface Body {
    /** Does the work; throwing ends the process with exit code 1. */
    void run() throws Exception;
  }

  /**
   * Runs {@code body}; if it throws, prints its message as one line on standard error and exits
   * the JVM with code 1. On success it returns, leaving any non-daemon threads (a server's event
   * loops) running.
   */
  public static void run(Body body) {
    try {
      body.run();
    } catch (Exception | Error e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      System.err.println(message.replace('\n', ' '));
      System.exit(1);
    }
  }

  /**
   * Parses {@code argv} as {@code --name value} pairs, accepting only the given names (without
   * the leading dashes).
   *
   * @throws IllegalArgumentException if an argument does not start with {@code --}, an option has
   *     no value, is given twice, or is not one of {@code names}
   */
  public static Args parse(String[] argv, String... names) {
    Set<String> known = Set.of(names);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < argv.length; i += 2) {
      String option = argv[i];
      if (!option.startsWith("--")) {
        throw new IllegalArgumentException("expected an option --NAME, got '" + option + "'");
      }
      String name = option.substring(2);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + option + "; known: " + known);
      }
      if (i + 1 == argv.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      if (values.put(name, argv[i + 1]) != null) {
        throw new IllegalArgumentException("option " + option + " is given twice");
      }
    }
    return new Args(values);
  }

  /** Returns the value of option {@code name}, or {@code fallback} if it was not given. */
  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * Returns the value of option {@code name} as an int, or {@code fallback} if it was not given.
   *
   * @throws IllegalArgumentException if the value is not a decimal integer
   */
  public int integer(String name, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + " needs an integer, got '" + value + "'");
    }
  }

  /**
   * Returns the value of option {@code name} as a double, or {@code fallback} if it was not
   * given.
   *
   * @throws IllegalArgumentException if the value is not a decimal number
   */
  public double number(String name, double fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + " needs a number, got '" + value + "'");
    }
  }
}
