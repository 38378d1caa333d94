package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.twine.cli.commands.EchoCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the command line, in this JVM: what {@code twine} answers before anything runs. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int twine(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpListsTheCommandsFoundAsServices() {
    assertThat(twine("--help")).isZero();

    assertThat(out.toString())
        .startsWith("Usage: twine [-hV] COMMAND")
        .contains("chat ", "Runs a chat server")
        .contains("echo ", "Runs an echo server")
        .contains("greet ", "Greets every client");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void versionNamesTwineAndTheJvm() {
    assertThat(twine("--version")).isZero();

    assertThat(out.toString()).containsPattern("^twine \\d+\\.\\d+\\.\\d+").contains("Java " + Runtime.version());
  }

  @Test
  void eachCommandHasHelpWithTheListenOption() {
    assertThat(twine("echo", "--help")).isZero();

    assertThat(out.toString()).startsWith("Usage: twine echo").contains("--listen=ENDPOINT", "Repeat to listen");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(twine()).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(
        "twine: Missing required subcommand (see 'twine --help')" + System.lineSeparator());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(twine("frobnicate")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("twine: Unmatched argument at index 0: 'frobnicate'"
        + " (see 'twine --help')" + System.lineSeparator());
  }

  @Test
  void anUnknownOptionIsAUsageErrorOfItsCommand() {
    assertThat(twine("echo", "--listen", "tcp:0", "--frob")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(
        "twine: Unknown option: '--frob' (see 'twine echo --help')" + System.lineSeparator());
  }

  @Test
  void listeningSomewhereIsRequired() {
    assertThat(twine("echo")).isEqualTo(2);

    assertThat(err.toString()).startsWith("twine: Missing required option: '--listen=ENDPOINT'");
  }

  @Test
  void anInvalidEndpointIsOneLineNamingItsOffendingPart() {
    assertThat(twine("echo", "--listen", "tcp:0", "--listen", "tcp:port=x")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(
        "twine: invalid endpoint \"tcp:port=x\": port must be a number from 0 to 65535, not \"x\""
            + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void reactorsOutsideOneTo1024AreAUsageError() {
    for (String reactors : List.of("0", "-3", "1025")) {
      StringWriter errors = new StringWriter();
      int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(errors, true),
          "hello", "--listen", "tcp:0", "--reactors", reactors);

      assertThat(exitCode).isEqualTo(2);
      assertThat(errors.toString()).isEqualTo("twine: --reactors must be from 1 to 1024, not "
          + reactors + " (see 'twine hello --help')" + System.lineSeparator());
    }
  }

  @Test
  void moreThanOneReactorListensOnTcpOnly() {
    assertThat(twine("hello", "--listen", "tcp:0", "--listen", "unix:/tmp/hello.sock",
        "--reactors", "3")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("twine: invalid endpoint \"unix:/tmp/hello.sock\": --reactors 3"
        + " listens on tcp: and tcp6: endpoints only, not on unix:" + System.lineSeparator());
  }

  @Test
  void twoCommandsWithOneNameAreRefused() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Main.commandLine(List.of(new EchoCommand(), new EchoCommand())))
        .withMessage("two commands are named \"echo\": " + EchoCommand.class.getName()
            + " and " + EchoCommand.class.getName());
  }
}
