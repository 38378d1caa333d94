package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An agent that keeps cookies in a {@link CookieJar} (Twisted's {@code CookieAgent}): each
 * request gets the {@code Cookie} field the jar has for its URI, unless the caller set one, and
 * each response's {@code Set-Cookie} fields go into the jar.
 *
 * <p>Put it under a {@link RedirectAgent}, not over it, so that the cookies of every redirect in
 * a chain are kept and sent:
 *
 * <pre>{@code
 * Agent agent = new RedirectAgent(new CookieAgent(Agent.create(reactor), new CookieJar(reactor)));
 * }</pre>
 */
public final class CookieAgent implements Agent {
  private final Agent agent;
  private final CookieJar jar;

  /** Wraps {@code agent}, keeping cookies in {@code jar}. */
  public CookieAgent(Agent agent, CookieJar jar) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.jar = Objects.requireNonNull(jar, "jar");
  }

  /** Returns the jar. */
  public CookieJar jar() {
    return jar;
  }

  @Override
  public Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {
    Headers sending = headers;
    if (!headers.contains("Cookie")) {
      Optional<String> cookies = jar.cookieHeader(uri);
      if (cookies.isPresent()) {
        sending = headers.copy().add("Cookie", cookies.get());
      }
    }
    return agent.request(method, uri, sending, body).onSuccess(
        response -> jar.store(uri, response.headers()));
  }

  @Override
  public String toString() {
    return "CookieAgent[" + agent + "]";
  }
}
