package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.RequestHead;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which redirects are followed, with which method and body, and which are refused. */
@TwineTest
class RedirectAgentTest {
  private final MemoryNet net;
  private final Agent agent;

  RedirectAgentTest(Clock clock) {
    net = new MemoryNet(clock, PoolOptions.DEFAULT.withMaxConnectionsPerHost(1));
    agent = new RedirectAgent(net.agent());
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  private static String redirect(int status, String location) {
    return "HTTP/1.1 " + status + " Moved\r\nLocation: " + location
        + "\r\nContent-Length: 5\r\n\r\nmoved";
  }

  /** Sends {@code method} with a body, answers it with a {@code status} redirect. */
  private Deferred<Response> redirected(HttpMethod method, int status, BodyProducer body) {
    Deferred<Response> pending = agent.request(method, "http://example.com/form",
        Headers.of("Content-Type", "text/plain", "Accept", "*/*"), body);
    net.accept();
    net.server(0).send(method.equals(HttpMethod.HEAD)
        ? "HTTP/1.1 " + status + " Moved\r\nLocation: /done\r\nContent-Length: 5\r\n\r\n"
        : redirect(status, "/done"));
    net.flush();
    return pending;
  }

  @ParameterizedTest
  @CsvSource({
      "POST, 303, GET", "PUT, 303, GET", "HEAD, 303, HEAD",
      "POST, 301, GET", "POST, 302, GET", "PUT, 301, PUT", "DELETE, 302, DELETE",
      "POST, 307, POST", "PUT, 308, PUT"})
  void followsWithTheMethodAndBodyBrowsersUse(String sent, int status, String followed) {
    Deferred<Response> pending =
        redirected(HttpMethod.of(sent), status, BodyProducer.of(Bytes.utf8("data")));

    FakeServer.Received second = net.server(0).requests().get(1);
    RequestHead head = second.head();
    assertThat(head.method().name()).isEqualTo(followed);
    assertThat(head.target()).isEqualTo("/done");
    assertThat(head.headers().first("Accept")).contains("*/*");
    boolean keepsBody = followed.equals(sent) && !followed.equals("HEAD");
    assertThat(second.body().utf8()).isEqualTo(keepsBody ? "data" : "");
    assertThat(head.headers().contains("Content-Type")).isEqualTo(keepsBody);
    net.server(0).send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"
        + (followed.equals("HEAD") ? "" : "here"));
    net.flush();
    Response response = successResultOf(pending);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.uri()).isEqualTo("http://example.com/done");
    assertThat(response.method().name()).isEqualTo(followed);
    assertThat(response.previous()).hasValueSatisfying(
        previous -> assertThat(previous.status()).isEqualTo(status));
  }

  @Test
  void aChainOfRedirectsIsRecordedFromTheLast() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/a");
    net.accept();
    net.server(0).send(redirect(301, "b"));
    net.flush();
    net.server(0).send(redirect(302, "http://example.com/c?x=1"));
    net.flush();
    net.server(0).ok("end");
    net.flush();

    Response response = successResultOf(pending);
    assertThat(response.uri()).isEqualTo("http://example.com/c?x=1");
    assertThat(response.previous().orElseThrow().status()).isEqualTo(302);
    assertThat(response.previous().orElseThrow().uri()).isEqualTo("http://example.com/b");
    assertThat(response.previous().orElseThrow().previous().orElseThrow().status()).isEqualTo(301);
    assertThat(successResultOf(response.readBody(10)).utf8()).isEqualTo("end");
    assertThat(net.attempts()).isEqualTo(1);
  }

  @Test
  void aReplayedBodyIsRequiredFor307() {
    StreamingProducer once = new StreamingProducer(OptionalLong.of(4));
    Deferred<Response> pending = agent.request(HttpMethod.POST, "http://example.com/form",
        new Headers(), once);
    net.accept();
    once.write("data");
    once.finish();
    net.flush();
    net.server(0).send(redirect(307, "/done"));
    net.flush();

    RedirectRefused refused =
        (RedirectRefused) failureResultOf(pending, RedirectRefused.class).exception();
    assertThat(refused).hasMessageContaining("cannot be replayed");
    assertThat(refused.response().status()).isEqualTo(307);
    assertThat(net.server(0).requests()).hasSize(1);
  }

  @Test
  void stopsAfterTheLimit() {
    Agent twice = new RedirectAgent(net.agent()).withLimit(2);
    Deferred<Response> pending = twice.request(HttpMethod.GET, "http://example.com/0");
    net.accept();
    for (int i = 1; i <= 3; i++) {
      net.server(0).send(redirect(302, "/" + i));
      net.flush();
    }

    assertThat(failureResultOf(pending, RedirectRefused.class).message())
        .isEqualTo("more than 2 redirects in a row");
    assertThat(net.server(0).requests()).hasSize(3);
  }

  @Test
  void refusesToDowngradeFromHttpsUnlessAllowed() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "https://example.com/");
    net.accept();
    net.server(0).send(redirect(301, "http://example.com/"));
    net.flush();
    assertThat(failureResultOf(pending, RedirectRefused.class).message())
        .contains("from https to http");

    Agent lenient = new RedirectAgent(net.agent()).allowingDowngrade();
    Deferred<Response> allowed = lenient.request(HttpMethod.GET, "https://example.com/");
    net.accept();
    net.server(net.connections() - 1).send(redirect(301, "http://example.com/"));
    net.flush();
    net.accept();
    net.server(net.connections() - 1).ok("plain");
    net.flush();
    assertThat(successResultOf(allowed).uri()).isEqualTo("http://example.com/");
  }

  @Test
  void refusesAMissingOrUnusableLocation() {
    Deferred<Response> none = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
    net.flush();
    assertThat(failureResultOf(none, RedirectRefused.class).message()).contains("without a Location");

    Deferred<Response> ftp = agent.request(HttpMethod.GET, "http://example.com/");
    net.flush();
    net.server(0).send("HTTP/1.1 302 Found\r\nLocation: ftp://example.com/f\r\nContent-Length: 0"
        + "\r\n\r\n");
    net.flush();
    assertThat(failureResultOf(ftp, RedirectRefused.class).message()).contains("ftp");

    Deferred<Response> bad = agent.request(HttpMethod.GET, "http://example.com/");
    net.flush();
    net.server(0).send("HTTP/1.1 302 Found\r\nLocation: http://exa mple/\r\nContent-Length: 0"
        + "\r\n\r\n");
    net.flush();
    assertThat(failureResultOf(bad, RedirectRefused.class).message()).contains("invalid Location");
  }

  @Test
  void anotherOriginDoesNotGetTheCredentials() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/",
        Headers.of("Authorization", "Basic c2VjcmV0", "Cookie", "a=1", "Host", "example.com",
            "Accept", "text/html"), null);
    net.accept();
    net.server(0).send(redirect(302, "http://other.example/"));
    net.flush();
    net.accept();

    RequestHead followed = net.server(1).request().head();
    assertThat(followed.headers()).isEqualTo(
        Headers.of("Host", "other.example", "Accept", "text/html"));
    net.server(1).ok("");
    net.flush();
    successResultOf(pending);
  }

  @Test
  void otherStatusesAreNotFollowed() {
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/");
    net.accept();
    net.server(0).send("HTTP/1.1 304 Not Modified\r\nLocation: /x\r\n\r\n");
    net.flush();

    Response response = successResultOf(pending);
    assertThat(response.status()).isEqualTo(304);
    assertThat(response.previous()).isEmpty();
  }
}
