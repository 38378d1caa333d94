package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code twine hello}: TechEmpower's plaintext and JSON responses and a WebSocket echo, from a real process. */
@Timeout(60)
class HelloEndToEndTest {
  private TwineProcess twine;
  private HttpClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (twine != null) {
      twine.close();
    }
  }

  @ParameterizedTest(name = "--reactors {0}")
  @ValueSource(strings = {"1", "2"})
  void servesPlaintextAndJson(String reactors) throws Exception {
    String base = "http://127.0.0.1:" + start(reactors);

    HttpResponse<String> plaintext = client.send(
        HttpRequest.newBuilder(URI.create(base + "/plaintext")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> json = client.send(
        HttpRequest.newBuilder(URI.create(base + "/json")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(plaintext.body()).isEqualTo("Hello, World!");
    assertThat(plaintext.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(plaintext.headers().firstValue("Server")).get().asString().startsWith("Twine/");
    assertThat(plaintext.headers().firstValue("Date")).isPresent();
    assertThat(json.body()).isEqualTo("{\"message\":\"Hello, World!\"}");
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @ParameterizedTest(name = "--reactors {0}")
  @ValueSource(strings = {"1", "2"})
  void echoesWebSocketMessagesAtWsTextAsTextAndBinaryAsBinary(String reactors) throws Exception {
    int port = start(reactors);
    for (int connection = 0; connection < 4; connection++) {
      WebSocketListener.Connected echo =
          WebSocketListener.connect(client, "ws://127.0.0.1:" + port + "/ws");

      echo.socket().sendText("h\u00e9llo " + connection, true).join();
      assertThat(echo.heard().next()).isEqualTo("text h\u00e9llo " + connection);
      echo.socket().sendBinary(ByteBuffer.wrap(new byte[] {0, 1, (byte) connection, (byte) 0xff}), true).join();
      assertThat(echo.heard().next()).isEqualTo("binary 00010" + connection + "ff");
      echo.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      assertThat(echo.heard().next()).isEqualTo("close 1000");
    }
  }

  @Test
  void stopsCleanlyWithTwoReactors() throws Exception {
    int port = start("2");
    HttpResponse<String> plaintext = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plaintext")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plaintext.statusCode()).isEqualTo(200);

    twine.terminate();

    assertThat(twine.awaitExit(TwineProcess.WAIT)).isZero();
  }

  private int start(String reactors) throws Exception {
    twine = TwineProcess.start("hello", "--listen", "tcp:0:interface=127.0.0.1", "--reactors", reactors);
    client = HttpClient.newHttpClient();
    return twine.awaitPort();
  }
}
