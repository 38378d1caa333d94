package dev.twine.benchmarks.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's {@link HttpClient} on one event loop, with a pool of as many HTTP/1.1 connections as
 * requests in flight.
 */
final class VertxLoadClient implements LoadClient {
  private final Target target;
  private final LoadStats stats;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

  VertxLoadClient(Target target, LoadStats stats) {
    this.target = target;
    this.stats = stats;
  }

  @Override
  public void start(int concurrency) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(concurrency));
    vertx.runOnContext(ignored -> {
      for (int i = 0; i < concurrency; i++) {
        send(client);
      }
    });
  }

  private void send(HttpClient client) {
    if (!stats.running()) {
      return;
    }
    long start = System.nanoTime();
    client.request(HttpMethod.GET, target.port(), target.host(), target.path())
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          stats.completed(start, response.statusCode(), body.toString());
          return body;
        }))
        .onComplete(done -> {
          if (done.succeeded()) {
            send(client);
          } else {
            stats.failed("GET " + target.uri() + " failed: " + done.cause());
          }
        });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
