package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An agent that follows redirects the way browsers do (Twisted's {@code
 * BrowserLikeRedirectAgent}): for 301, 302, 303, 307 and 308 it discards the redirect's body and
 * sends the request again to its {@code Location}, resolved against the request's URI.
 *
 * <ul>
 *   <li>303 turns any method but {@code HEAD} into a {@code GET}, and drops the body;
 *   <li>301 and 302 turn a {@code POST} into a {@code GET} without body, as browsers do, and keep
 *       other methods and bodies;
 *   <li>307 and 308 keep the method and the body, which must then be {@linkplain
 *       BodyProducer#replay replayable}.
 * </ul>
 *
 * <p>The final response tells the redirects that led to it with {@link Response#previous}. A
 * redirect to another origin drops {@code Authorization}, {@code Proxy-Authorization} and {@code
 * Cookie} from the caller's headers, and its own {@code Host}; a dropped body drops the {@code
 * Content-*} fields. It fails with {@link RedirectRefused} after {@link #DEFAULT_LIMIT} redirects
 * in a row (see {@link #withLimit}), for a redirect from {@code https} to {@code http} (unless
 * {@link #allowingDowngrade}), to another scheme, without a usable {@code Location}, or with a
 * body it cannot send again.
 *
 * <pre>{@code
 * Agent agent = new RedirectAgent(Agent.create(reactor)).withLimit(5);
 * }</pre>
 */
public final class RedirectAgent implements Agent {
  /** How many redirects in a row are followed by default: 20, as Twisted's. */
  public static final int DEFAULT_LIMIT = 20;

  /** How much of a redirect's body is read and discarded before its connection is dropped. */
  private static final int DISCARD_LIMIT = 64 * 1024;

  private final Agent agent;
  private final int limit;
  private final boolean allowDowngrade;

  /** Wraps {@code agent}, following up to {@link #DEFAULT_LIMIT} redirects, no downgrades. */
  public RedirectAgent(Agent agent) {
    this(agent, DEFAULT_LIMIT, false);
  }

  private RedirectAgent(Agent agent, int limit, boolean allowDowngrade) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.limit = limit;
    this.allowDowngrade = allowDowngrade;
  }

  /**
   * Returns an agent like this one that follows at most {@code redirects} redirects in a row.
   *
   * @throws IllegalArgumentException if {@code redirects} is negative
   */
  public RedirectAgent withLimit(int redirects) {
    if (redirects < 0) {
      throw new IllegalArgumentException("redirect limit must not be negative: " + redirects);
    }
    return new RedirectAgent(agent, redirects, allowDowngrade);
  }

  /** Returns an agent like this one that also follows redirects from https to http. */
  public RedirectAgent allowingDowngrade() {
    return new RedirectAgent(agent, limit, true);
  }

  @Override
  public Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {
    return send(new Hop(method, uri, headers, body), null, 0);
  }

  /** One request of a chain of redirects. */
  private record Hop(HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {}

  private Deferred<Response> send(Hop hop, @Nullable Response previous, int followed) {
    Deferred<Response> response = previous == null
        ? agent.request(hop.method(), hop.uri(), hop.headers(), hop.body())
        : Deferred.maybeDeferredWith(
            () -> agent.request(hop.method(), hop.uri(), hop.headers(), hop.body()));
    return response.flatMap(received -> {
      Response linked = previous == null ? received : received.withPrevious(previous);
      if (!isRedirect(received.status())) {
        return Deferred.succeed(linked);
      }
      Hop next;
      try {
        next = follow(hop, received, followed);
      } catch (RedirectRefused refused) {
        discard(received);
        throw refused;
      }
      return discard(received).flatMap(discarded -> send(next, linked, followed + 1));
    });
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Returns the request that follows the redirect {@code response} to {@code hop}.
   *
   * @throws RedirectRefused if it must not be followed
   */
  private Hop follow(Hop hop, Response response, int followed) {
    if (followed >= limit) {
      throw refuse(response, "more than " + limit + " redirects in a row");
    }
    Optional<String> location = response.headers().first("Location");
    if (location.isEmpty()) {
      throw refuse(response, response.status() + " redirect without a Location");
    }
    RequestUri from = RequestUri.parse(hop.uri());
    RequestUri to;
    try {
      URI resolved = from.toUri().resolve(new URI(location.get()));
      to = RequestUri.of(resolved, resolved.toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw refuse(response, "redirect to an invalid Location \"" + location.get() + "\": "
          + e.getMessage());
    }
    if (from.origin().secure() && !to.origin().secure() && !allowDowngrade) {
      throw refuse(response, "redirect from https to http refused: " + to.text());
    }
    HttpMethod method = hop.method();
    BodyProducer body = hop.body();
    int status = response.status();
    boolean dropBody = status == 303
        || ((status == 301 || status == 302) && method.equals(HttpMethod.POST));
    Headers headers = hop.headers().copy();
    if (dropBody) {
      method = method.equals(HttpMethod.HEAD) ? method : HttpMethod.GET;
      body = null;
      for (int i = headers.size() - 1; i >= 0; i--) {
        if (headers.name(i).regionMatches(true, 0, "Content-", 0, 8)) {
          headers.remove(headers.name(i));
        }
      }
    } else if (body != null) {
      body = body.replay().orElseThrow(() -> refuse(response, "a " + status
          + " redirect resends the body, and this body producer cannot be replayed"));
    }
    if (!to.origin().equals(from.origin())) {
      for (String sensitive : new String[] {"Authorization", "Proxy-Authorization", "Cookie",
          "Host"}) {
        headers.remove(sensitive);
      }
    }
    return new Hop(method, to.text(), headers, body);
  }

  private static RedirectRefused refuse(Response response, String why) {
    return new RedirectRefused(why, response);
  }

  /**
   * Reads and drops the body of a redirect, so that its connection can carry the next request if
   * the body is short, and fires once the body has ended, however it ended.
   */
  private static Deferred<@Nullable Void> discard(Response response) {
    Deferred<@Nullable Void> ended = new Deferred<>();
    response.deliverBody(new Protocol() {
      private long read;

      @Override
      public void dataReceived(Bytes data) {
        read += data.size();
        if (read > DISCARD_LIMIT) {
          transport().loseConnection();
        }
      }

      @Override
      public void connectionLost(Failure reason) {
        ended.callback(null);
      }
    });
    return ended;
  }

  @Override
  public String toString() {
    return "RedirectAgent[" + agent + ", limit " + limit + "]";
  }
}
