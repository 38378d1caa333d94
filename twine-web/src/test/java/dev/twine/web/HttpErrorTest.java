package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** Renderers that answer with an error status by failing with {@link HttpError}. */
@TwineTest
class HttpErrorTest {

  @Test
  void answersWithThePageOfTheErrorAndKeepsTheConnection(Clock clock) {
    Resource root = new Resource();
    root.putChild("now", new Resource().on(HttpMethod.GET, request -> {
      throw new HttpError(403, "Members <only>.");
    }));
    root.putChild("later", new Resource().on(HttpMethod.GET, request ->
        Rendered.later(Deferred.<Bytes>fail(new HttpError(409, "It changed meanwhile.")))));
    Wire wire = new Wire(root, clock);
    wire.send("GET /now HTTP/1.1\r\nHost: a\r\n\r\nGET /later HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::status).containsExactly(403, 409);
    assertThat(wire.responses().get(0).body()).contains("403 Forbidden")
        .contains("Members &lt;only&gt;.");
    assertThat(wire.responses().get(1).body()).contains("It changed meanwhile.");
    assertThat(wire.closed()).isFalse();
    wire.close();
  }

  @Test
  void refusesAStatusThatIsNotAnError() {
    assertThatThrownBy(() -> new HttpError(302, "elsewhere"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("302");
    assertThat(new HttpError(400, "bad").toString()).isEqualTo("HttpError: 400 bad");
  }
}
