package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.RequestHead;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The convenience layer: one call per method, bodies as text and JSON. */
@TwineTest
class TreqTest {
  record User(String name, List<String> roles) {}

  private final MemoryNet net;
  private final Treq treq;

  TreqTest(Clock clock) {
    net = new MemoryNet(clock);
    treq = new Treq(net.agent());
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  @Test
  void postsJsonAndReadsJsonBack() {
    Deferred<User> user = treq.postJson("http://example.com/users",
            new User("ada", List.of("admin")))
        .flatMap(response -> treq.json(response, User.class));
    net.accept();

    FakeServer.Received request = net.server(0).request();
    assertThat(request.head().method()).isEqualTo(HttpMethod.POST);
    assertThat(request.head().headers().first("Content-Type")).contains("application/json");
    assertThat(request.body().utf8()).isEqualTo("{\"name\":\"ada\",\"roles\":[\"admin\"]}");
    String reply = "{\"name\":\"ada\",\"roles\":[\"admin\",\"user\"]}";
    net.server(0).send("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
        + reply.length() + "\r\n\r\n" + reply);
    net.flush();

    assertThat(successResultOf(user)).isEqualTo(new User("ada", List.of("admin", "user")));
  }

  @Test
  void jsonThatDoesNotFitFailsWithJacksonsError() {
    Deferred<User> user = treq.get("http://example.com/")
        .flatMap(response -> treq.json(response, User.class));
    net.accept();
    net.server(0).ok("not json");
    net.flush();

    failureResultOf(user, JsonProcessingException.class);
  }

  @Test
  void textIsDecodedInTheCharsetOfTheContentType() {
    Deferred<String> text = treq.get("http://example.com/").flatMap(treq::text);
    net.accept();
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=\"ISO-8859-1\"\r\n"
        + "Content-Length: 4\r\n\r\ncaf\u00e9");
    net.flush();

    assertThat(successResultOf(text)).isEqualTo("caf\u00e9");
  }

  @Test
  void textDefaultsToUtf8() {
    Deferred<String> text = treq.get("http://example.com/").flatMap(treq::text);
    net.accept();
    net.server(0).send(Bytes.utf8("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\ncaf\u00e9"));
    net.flush();

    assertThat(successResultOf(text)).isEqualTo("caf\u00e9");
  }

  @Test
  void eachMethodSendsItsName() {
    treq.head("http://example.com/h");
    treq.delete("http://example.com/d");
    treq.put("http://example.com/u", Bytes.utf8("p"));
    treq.patch("http://example.com/a", Bytes.utf8("q"));
    treq.post("http://example.com/o", Bytes.utf8("r"));
    net.accept();

    List<String> sent = List.of(0, 1, 2, 3, 4).stream()
        .map(i -> net.server(i).request().head())
        .map(RequestHead::method).map(HttpMethod::name).toList();
    assertThat(sent).containsExactly("HEAD", "DELETE", "PUT", "PATCH", "POST");
    assertThat(net.server(4).request().body().utf8()).isEqualTo("r");
    for (int i = 0; i < 5; i++) {
      net.server(i).send("HTTP/1.1 204 No Content\r\n\r\n");
    }
    net.flush();
  }

  @Test
  void theBodyBoundApplies() {
    Deferred<Bytes> body = treq.withMaxBodySize(3).get("http://example.com/")
        .flatMap(treq.withMaxBodySize(3)::content);
    net.accept();
    net.server(0).ok("four");
    net.flush();

    failureResultOf(body, BodyTooLarge.class);
  }
}
