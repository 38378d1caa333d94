package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code twine hello}: TechEmpower's plaintext and JSON responses from a real process. */
@Timeout(60)
class HelloEndToEndTest {
  private TwineProcess twine;

  @AfterEach
  void stop() {
    if (twine != null) {
      twine.close();
    }
  }

  @Test
  void servesPlaintextAndJson() throws Exception {
    twine = TwineProcess.start("hello", "--listen", "tcp:0:interface=127.0.0.1");
    String base = "http://127.0.0.1:" + twine.awaitPort();
    HttpClient client = HttpClient.newHttpClient();

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
}
