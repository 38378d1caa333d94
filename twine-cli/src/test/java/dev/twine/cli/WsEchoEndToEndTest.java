package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code twine wsecho} as a process, with the JDK's WebSocket client and Python's websockets. */
@Timeout(60)
class WsEchoEndToEndTest {
  private static final String WEBSOCKETS_CLIENT = """
      import asyncio, sys, websockets
      async def main(url):
          async with websockets.connect(url, origin="http://elsewhere.example") as ws:
              print("extensions", [e.name for e in ws.extensions])
              await ws.send("h\\u00e9llo")
              print("text", await ws.recv())
              await ws.send(bytes([0, 1, 2, 255]))
              print("binary", (await ws.recv()).hex())
              await ws.send("la " * 20000)
              print("long", len(await ws.recv()))
              await ws.close(1000, "bye")
              print("closed", ws.close_code)
      asyncio.run(main(sys.argv[1]))
      """;

  private TwineProcess twine;
  private HttpClient client;
  private int port;

  @BeforeEach
  void startWsEcho() throws Exception {
    twine = TwineProcess.start("wsecho", "--listen", "tcp:0:interface=127.0.0.1");
    port = twine.awaitPort();
    client = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    client.close();
    twine.close();
  }

  @Test
  void theJdkClientGetsTextAsTextAndBinaryAsBinaryAtBothPaths() throws Exception {
    for (String path : List.of("/", "/ws")) {
      WebSocketListener.Connected echo =
          WebSocketListener.connect(client, "ws://127.0.0.1:" + port + path);
      echo.socket().sendText("h\u00e9llo, " + path, true).join();
      assertThat(echo.heard().next()).isEqualTo("text h\u00e9llo, " + path);
      echo.socket().sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), true).join();
      assertThat(echo.heard().next()).isEqualTo("binary 000102ff");
      echo.socket().sendText("in two ", false).join();
      echo.socket().sendText("fragments", true).join();
      assertThat(echo.heard().next()).isEqualTo("text in two fragments");
      echo.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      assertThat(echo.heard().next()).isEqualTo("close 1000");
    }
  }

  @Test
  void pythonWebsocketsNegotiatesDeflateFromAnyOrigin() throws Exception {
    Optional<String> python = pythonWithWebsockets();
    assumeTrue(python.isPresent(), "install python3-websockets (apt-get install python3-websockets)"
        + " to run this test");
    Process run = new ProcessBuilder(python.get(), "-c", WEBSOCKETS_CLIENT,
        "ws://127.0.0.1:" + port + "/ws").start();
    try {
      assertThat(run.waitFor(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.exitValue()).as(err).isZero();
      assertThat(out.lines()).containsExactly(
          "extensions ['permessage-deflate']",
          "text h\u00e9llo",
          "binary 000102ff",
          "long 60000",
          "closed 1000");
    } finally {
      run.destroyForcibly();
    }
  }

  private static Optional<String> pythonWithWebsockets() throws InterruptedException {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import websockets")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
      } catch (IOException notThisOne) {
        // try the next
      }
    }
    return Optional.empty();
  }
}
