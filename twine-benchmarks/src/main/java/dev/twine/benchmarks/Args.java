package dev.twine.benchmarks;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code --name value} options of the benchmark servers and load generators, and
 * turns a failed run into the one-line message and exit code the benchmark orchestrator
 * expects: 2 for bad arguments ({@link Invalid}), 1 for anything else, such as a peer that
 * misbehaved.
 *
 * <p>Every option takes exactly one value; a main names the options it accepts, so that a
 * misspelt option fails at once instead of silently taking its default. Instances are immutable.
 *
 * <pre>{@code
 * public static void main(String[] argv) {
 *   Args.run("EchoServer", () -> {
 *     Args args = Args.parse(argv, "port", "threads");
 *     int port = args.integer("port", 8000);
 *     ...
 *   });
 * }
 * }</pre>
 */
public final class Args {
  /** The exit code of a run whose arguments were bad. */
  public static final int BAD_ARGUMENTS = 2;

  /** The exit code of a run that failed for any other reason, such as a misbehaving peer. */
  public static final int FAILED = 1;

  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /** A main's body: the work it does, which may fail with any exception. */
  @FunctionalInterface
  public interface Body {
    /** Does the work; throwing ends the run with {@link #FAILED}, or {@link #BAD_ARGUMENTS}. */
    void run() throws Exception;
  }

  /** Thrown for a bad command line: an unknown option, a missing or malformed value. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message}, which names the option and its value. */
    public Invalid(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code body} and returns the exit code: 0 if it returns, {@link #BAD_ARGUMENTS} if it
   * throws {@link Invalid}, {@link #FAILED} if it throws anything else. On failure it prints
   * {@code program: message} as one line on {@code err}.
   */
  public static int status(String program, Body body, PrintStream err) {
    try {
      body.run();
      return 0;
    } catch (Exception | Error e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      err.println(program + ": " + message.replace('\n', ' '));
      return e instanceof Invalid ? BAD_ARGUMENTS : FAILED;
    }
  }

  /**
   * Runs {@code body} as {@link #status} does, and exits the JVM with the code if it failed. On
   * success it returns, leaving any non-daemon threads (a server's event loops) running.
   */
  public static void run(String program, Body body) {
    int status = status(program, body, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses {@code argv} as {@code --name value} pairs, accepting only the given names (without
   * the leading dashes).
   *
   * @throws Invalid if an argument does not start with {@code --}, an option has
   *     no value, is given twice, or is not one of {@code names}
   */
  public static Args parse(String[] argv, String... names) {
    Set<String> known = Set.of(names);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < argv.length; i += 2) {
      String option = argv[i];
      if (!option.startsWith("--")) {
        throw new Invalid("expected an option --NAME, got '" + option + "'");
      }
      String name = option.substring(2);
      if (!known.contains(name)) {
        throw new Invalid("unknown option " + option + "; known: " + known);
      }
      if (i + 1 == argv.length) {
        throw new Invalid("option " + option + " needs a value");
      }
      if (values.put(name, argv[i + 1]) != null) {
        throw new Invalid("option " + option + " is given twice");
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
   * @throws Invalid if the value is not a decimal integer
   */
  public int integer(String name, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new Invalid("option --" + name + " needs an integer, got '" + value + "'");
    }
  }

  /**
   * Returns the value of option {@code name} as a double, or {@code fallback} if it was not
   * given.
   *
   * @throws Invalid if the value is not a decimal number
   */
  public double number(String name, double fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new Invalid("option --" + name + " needs a number, got '" + value + "'");
    }
  }
}
