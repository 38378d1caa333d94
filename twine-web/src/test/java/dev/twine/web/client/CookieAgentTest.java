package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.defer.Deferred;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cookies kept across requests and redirects. */
@TwineTest
class CookieAgentTest {
  private final MemoryNet net;
  private final CookieJar jar;

  CookieAgentTest(Clock clock) {
    net = new MemoryNet(clock);
    jar = new CookieJar(clock);
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  @Test
  void cookiesSetByARedirectAreSentToWhereItLeads() {
    Agent agent = new RedirectAgent(new CookieAgent(net.agent(), jar));
    Deferred<Response> pending = agent.request(HttpMethod.GET, "http://example.com/login");
    net.accept();
    assertThat(net.server(0).requests().get(0).head().headers().contains("Cookie")).isFalse();
    net.server(0).send("HTTP/1.1 302 Found\r\nLocation: /home\r\nSet-Cookie: session=abc; Path=/"
        + "\r\nContent-Length: 0\r\n\r\n");
    net.flush();

    assertThat(net.server(0).requests().get(1).head().headers().first("Cookie"))
        .contains("session=abc");
    net.server(0).send("HTTP/1.1 200 OK\r\nSet-Cookie: theme=dark\r\nContent-Length: 0\r\n\r\n");
    net.flush();
    successResultOf(pending);
    assertThat(jar.cookies()).extracting(Cookie::toString)
        .containsExactly("session=abc", "theme=dark");
  }

  @Test
  void theCallersCookieFieldIsLeftAlone() {
    jar.store("http://example.com/", Headers.of("Set-Cookie", "kept=1"));
    Agent agent = new CookieAgent(net.agent(), jar);
    agent.request(HttpMethod.GET, "http://example.com/", Headers.of("Cookie", "mine=2"), null);
    net.accept();

    assertThat(net.server(0).request().head().headers().all("Cookie")).containsExactly("mine=2");
  }
}
