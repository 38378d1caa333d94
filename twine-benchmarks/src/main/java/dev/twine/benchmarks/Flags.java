package dev.twine.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of a benchmark main: every option takes one value, and a main
 * names those it accepts, so that a misspelt one fails at once instead of taking its default.
 *
 * <pre>{@code
 * Flags flags = Flags.parse(args, Set.of("port", "threads"));
 * int port = flags.integer("port", 8080);
 * }</pre>
 */
public final class Flags {
  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}, accepting the options in {@code names} (without their dashes).
   *
   * @throws IllegalArgumentException naming the argument if one is not an accepted option, has no
   *     value or is given twice
   */
  public static Flags parse(String[] args, Set<String> names) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!names.contains(name)) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; the options are --"
            + String.join(" --", names.stream().sorted().toList()));
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      if (values.put(name, args[i + 1]) != null) {
        throw new IllegalArgumentException("option " + args[i] + " is given twice");
      }
    }
    return new Flags(values);
  }

  /** Returns the value of option {@code name}, or {@code otherwise} if it was not given. */
  public String text(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /**
   * Returns the value of option {@code name} as a number, or {@code otherwise} if it was not given.
   *
   * @throws IllegalArgumentException if it is not a whole number
   */
  public int integer(String name, int otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value, e);
    }
  }
}
