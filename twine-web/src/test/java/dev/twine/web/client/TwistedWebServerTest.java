package dev.twine.web.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against Python Twisted's web server ({@code twisted_web_server.py} in the test
 * resources), run by the first {@code python3} that imports {@code twisted}; skipped when none
 * does.
 */
@Timeout(60)
class TwistedWebServerTest implements RealServerContract {
  @TempDir
  static Path root;

  private static PeerServer twisted;

  private final ReactorThread loop = new ReactorThread();
  private final ConnectionPool pool = loop.call(() -> new ConnectionPool(loop.reactor));

  @BeforeAll
  static void startTwisted() throws Exception {
    Optional<String> python = List.of("python3", "/usr/bin/python3").stream()
        .filter(TwistedWebServerTest::importsTwisted).findFirst();
    assumeTrue(python.isPresent(),
        "install python3-twisted (apt-get install python3-twisted) to run this test");
    RealServerContract.writeFiles(root);
    twisted = PeerServer.startPrintingPort(List.of(python.get(), "-u", script().toString(),
        root.toString()));
  }

  @AfterAll
  static void stopTwisted() throws InterruptedException {
    if (twisted != null) {
      twisted.close();
    }
  }

  private static boolean importsTwisted(String python) {
    try {
      Process probe = new ProcessBuilder(python, "-c", "import twisted.web").redirectErrorStream(true)
          .start();
      probe.getInputStream().transferTo(OutputStream.nullOutputStream());
      return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path script() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(
        TwistedWebServerTest.class.getResource("twisted_web_server.py"),
        "twisted_web_server.py is missing").toURI());
  }

  @Override
  public PeerServer server() {
    return twisted;
  }

  @Override
  public ReactorThread loop() {
    return loop;
  }

  @Override
  public ConnectionPool pool() {
    return pool;
  }
}
