package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.internet.ReactorTime;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The agent that speaks HTTP/1.1 itself: it routes each request, takes a connection from its
 * pool, and runs the exchange. {@link Agent#create} and {@link ProxyAgent} make one.
 */
final class PooledAgent implements Agent {
  private final ReactorTime time;
  private final Route.Router router;
  private final ConnectionPool pool;
  private final AgentOptions options;

  PooledAgent(ReactorTime time, Route.Router router, ConnectionPool pool, AgentOptions options) {
    this.time = Objects.requireNonNull(time, "time");
    this.router = Objects.requireNonNull(router, "router");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    RequestUri target = RequestUri.parse(uri);
    Route route = router.route(target);
    OutgoingRequest outgoing = Requests.build(
        method, target, route.target(), headers, body, pool.options().persistent());
    return new Exchange(time, pool, options, route, outgoing).start();
  }

  @Override
  public String toString() {
    return "Agent[" + options + "]";
  }
}
