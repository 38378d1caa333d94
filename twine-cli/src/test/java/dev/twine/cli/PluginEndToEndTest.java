package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A command that another module provides runs like a built-in one. */
@Timeout(60)
class PluginEndToEndTest {
  private TwineProcess twine;

  @AfterEach
  void killTwine() {
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void aCommandFoundWithServiceLoaderRunsItsServiceWithItsOptions() throws Exception {
    twine = TwineProcess.start("greet", "--name", "Ada", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();

    try (LineSocket client = new LineSocket(port)) {
      assertThat(client.readLine()).isEqualTo("hello from Ada");
      assertThat(client.closedByPeer()).isTrue();
    }
    twine.terminate();
    assertThat(twine.awaitExit(TwineProcess.WAIT)).isZero();
  }
}
