package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TechEmpower resources answer exactly as the benchmark's rules ask. */
@TwineTest
class HelloTest {
  @Test
  void answersPlaintextAndJsonWithTheRequiredHeaders(Clock clock) {
    Wire wire = new Wire(Hello.root(), clock);
    wire.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n".repeat(2)
        + "GET /json HTTP/1.1\r\nHost: a\r\n\r\n");
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).hasSize(3);
    Wire.Response plaintext = responses.get(0);
    assertThat(plaintext.body()).isEqualTo("Hello, World!");
    assertThat(plaintext.header("Content-Type")).contains("text/plain");
    assertThat(plaintext.header("Content-Length")).contains("13");
    assertThat(plaintext.header("Server")).isPresent();
    assertThat(plaintext.header("Date")).isPresent();
    Wire.Response json = responses.get(2);
    assertThat(json.body()).isEqualTo("{\"message\":\"Hello, World!\"}");
    assertThat(json.header("Content-Type")).contains("application/json");
    assertThat(json.header("Content-Length")).contains("27");
    assertThat(json.header("Server")).isPresent();
    assertThat(json.header("Date")).isPresent();
    wire.close();
  }

  @Test
  void writesEachPipelinedPlaintextResponseWithoutChunking(Clock clock) {
    Wire wire = new Wire(Hello.root(), clock);
    wire.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n".repeat(16));
    assertThat(wire.responses()).hasSize(16);
    assertThat(wire.written()).doesNotContain("chunked");
    wire.close();
  }
}
