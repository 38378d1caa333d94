package dev.twine.benchmarks.load;

import dev.twine.defer.Outcome;
import dev.twine.internet.nio.NioReactor;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.client.ConnectionPool;
import dev.twine.web.client.PoolOptions;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;

/**
 * Twine's {@link Agent} on one {@link NioReactor} thread, with a pool that keeps as many
 * connections alive as requests are in flight.
 */
final class TwineLoadClient implements LoadClient {
  private static final long MAX_BODY = 1 << 20;

  private final String uri;
  private final LoadStats stats;
  private final NioReactor reactor =
      new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofSeconds(2)));
  private final Thread thread;

  TwineLoadClient(Target target, LoadStats stats) {
    this.uri = target.uri();
    this.stats = stats;
    this.thread = Thread.ofPlatform().name("twine-client").start(reactor::run);
  }

  @Override
  public void start(int concurrency) {
    reactor.callFromThread(() -> {
      ConnectionPool pool = new ConnectionPool(reactor, PoolOptions.DEFAULT
          .withMaxConnectionsPerHost(concurrency).withMaxIdlePerHost(concurrency));
      Agent agent = Agent.create(reactor, pool, AgentOptions.DEFAULT);
      for (int i = 0; i < concurrency; i++) {
        send(agent);
      }
    });
  }

  private void send(Agent agent) {
    if (!stats.running()) {
      return;
    }
    long start = System.nanoTime();
    agent.request(HttpMethod.GET, uri)
        .flatMap(response -> response.readBody(MAX_BODY)
            .map(body -> {
              stats.completed(start, response.status(), body.utf8());
              return body;
            }))
        .transform(outcome -> {
          switch (outcome) {
            case Outcome.Success<?> done -> send(agent);
            case Outcome.Failed<?> failed -> stats.failed("GET " + uri + " failed: "
                + failed.failure().message());
          }
          return null;
        });
  }

  @Override
  public void close() throws InterruptedException {
    if (reactor.running()) {
      reactor.stop();
    }
    thread.join(Duration.ofSeconds(10));
  }
}
