package dev.twine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code twine} command: {@code twine COMMAND [OPTIONS]} runs one of the
 * {@link TwineCommand}s found with {@link ServiceLoader} until Ctrl-C or SIGTERM.
 *
 * <pre>{@code
 * $ twine echo --listen tcp:8000 --listen unix:/tmp/echo.sock
 * 2025-06-01 12:00:00.123 INFO  twine: listening on TCP:0.0.0.0:8000
 * 2025-06-01 12:00:00.124 INFO  twine: listening on UNIX:/tmp/echo.sock
 * }</pre>
 *
 * <p>Exit codes: 0 after a clean stop, {@code --help} or {@code --version}; 2 for a usage error
 * (an unknown command or option, an invalid endpoint string, an endpoint that cannot listen),
 * with one line on stderr; 1 for an unexpected error, with its stack trace.
 */
@Command(
    name = "twine",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Runs a Twine service until Ctrl-C or SIGTERM stops it gracefully.")
public final class Main {
  private Main() {}

  /**
   * Runs {@code twine} with {@code args} and exits the JVM with its exit code; logging goes to
   * stderr in a one-line format unless {@code java.util.logging} is configured otherwise.
   */
  public static void main(String[] args) {
    LineFormatter.install();
    int exitCode = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.exit(exitCode);
  }

  /** Parses {@code args}, runs the command they name and returns the exit code. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(ServiceLoader.load(TwineCommand.class), args);
    cli.setOut(out);
    cli.setErr(err);
    Runner runner = new Runner(err);
    cli.setExecutionStrategy(parsed -> run(parsed, runner));
    cli.setParameterExceptionHandler(Main::usageError);
    return cli.execute(args);
  }

  /**
   * Reports a usage error on one line, {@code twine: MESSAGE (see 'twine COMMAND --help')}, and
   * returns exit code 2.
   */
  private static int usageError(ParameterException error, String[] args) {
    CommandLine where = error.getCommandLine();
    where.getErr().println("twine: " + error.getMessage() + " (see '"
        + where.getCommandSpec().qualifiedName() + " --help')");
    return where.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Returns the command line with {@code commands} as subcommands, in the order of their names.
   *
   * @throws IllegalStateException if two commands have the same name
   */
  static CommandLine commandLine(Iterable<TwineCommand> commands) {
    return commandLine(commands, new String[0]);
  }

  /**
   * Returns the command line for parsing {@code args}: when {@code args} start with the name of
   * one of {@code commands}, that command is the only subcommand, since picocli's reflective model
   * of each command is most of the time from start to listening; otherwise (top-level options,
   * an unknown name, none) all of them are, in the order of their names, for the help and the
   * suggestions in error messages.
   *
   * @throws IllegalStateException if two commands have the same name
   */
  static CommandLine commandLine(Iterable<TwineCommand> commands, String[] args) {
    Map<String, TwineCommand> byName = new TreeMap<>();
    for (TwineCommand command : commands) {
      TwineCommand other = byName.putIfAbsent(command.name(), command);
      if (other != null) {
        throw new IllegalStateException("two commands are named \"" + command.name() + "\": "
            + other.getClass().getName() + " and " + command.getClass().getName());
      }
    }
    CommandLine cli = new CommandLine(new Main());
    if (args.length > 0 && byName.containsKey(args[0])) {
      cli.addSubcommand(args[0], byName.get(args[0]));
    } else {
      byName.forEach(cli::addSubcommand);
    }
    return cli;
  }

  private static int run(ParseResult parsed, Runner runner) {
    Integer helped = CommandLine.executeHelpRequest(parsed);
    if (helped != null) {
      return helped;
    }
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (!(leaf.commandSpec().userObject() instanceof TwineCommand command)) {
      throw new ParameterException(parsed.commandSpec().commandLine(), "Missing required subcommand");
    }
    return runner.run(command);
  }

  /** Prints the version of Twine and of the JVM that runs it. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = Objects.requireNonNull(
          Main.class.getResourceAsStream("version.properties"), "version.properties is missing")) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read version.properties", e);
      }
      return new String[] {
        "twine " + properties.getProperty("version"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
