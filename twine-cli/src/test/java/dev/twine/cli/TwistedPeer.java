package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Python Twisted as a peer for interoperability tests: runs the scripts next to this class in
 * the test resources with the first {@code python3} that can import {@code twisted}. A test that
 * needs it is skipped, with the command that installs it, when there is none.
 */
final class TwistedPeer {
  private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");
  private static Optional<String> python;

  private TwistedPeer() {}

  /** Skips the calling test unless some {@code python3} can import {@code twisted}. */
  static synchronized String python() {
    if (python == null) {
      python = PYTHONS.stream().filter(TwistedPeer::importsTwisted).findFirst();
    }
    assumeTrue(python.isPresent(),
        "install python3-twisted (apt-get install python3-twisted) to run this test");
    return python.get();
  }

  /** Starts {@code script} from the test resources with {@code args}. */
  static Process start(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python(), "-u", resource(script).toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /**
   * Runs {@code script} to its end within {@link TwineProcess#WAIT}, asserts that it exited 0, and
   * returns what it printed.
   */
  static String run(String script, String... args) throws IOException, InterruptedException {
    Process process = start(script, args);
    try {
      assertThat(process.waitFor(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("%s ended in time", script).isTrue();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("exit code of %s; stdout:%n%s%nstderr:%n%s", script, stdout, stderr)
          .isZero();
      return stdout;
    } finally {
      process.destroyForcibly();
    }
  }

  private static boolean importsTwisted(String python) {
    try {
      Process probe = new ProcessBuilder(python, "-c", "import twisted").redirectErrorStream(true).start();
      probe.getInputStream().transferTo(OutputStream.nullOutputStream());
      return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path resource(String script) {
    URL url = Objects.requireNonNull(TwistedPeer.class.getResource(script), script + " is missing");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(url + " is not a file", e);
    }
  }
}
