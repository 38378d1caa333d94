package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.ConnectError;
import dev.twine.internet.Consumer;
import dev.twine.internet.Producer;
import dev.twine.internet.Reactor;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.client.ConnectionPool;
import dev.twine.web.client.ContentDecoderAgent;
import dev.twine.web.client.RedirectAgent;
import dev.twine.web.client.Response;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The service behind {@code twine get}: one request, its body written out, then the reactor
 * stopped. It keeps the exit code the outcome calls for.
 */
final class Fetch implements Service {
  private final Reactor reactor;
  private final String url;
  private final Headers headers;
  private final @Nullable Path output;
  private final AgentOptions options;
  private final ConnectionPool pool;
  private @Nullable Deferred<@Nullable Void> pending;
  private volatile int exitCode = 1;
  private boolean running;

  Fetch(Reactor reactor, String url, Headers headers, @Nullable Path output,
      AgentOptions options) {
    this.reactor = reactor;
    this.url = url;
    this.headers = headers;
    this.output = output;
    this.options = options;
    this.pool = new ConnectionPool(reactor);
  }

  int exitCode() {
    return exitCode;
  }

  @Override
  public void startService() {
    if (running) {
      return;
    }
    running = true;
    Agent agent = new ContentDecoderAgent(
        new RedirectAgent(Agent.create(reactor, pool, options)));
    Deferred<@Nullable Void> fetched = agent.request(HttpMethod.GET, url, headers, null)
        .flatMap(this::write);
    pending = fetched;
    fetched.transform(outcome -> {
      if (outcome instanceof Outcome.Failed<@Nullable Void> failed) {
        report(failed.failure());
      }
      return null;
    }).flatMap(done -> pool.closeCachedConnections()).always(done -> {
      if (reactor.running()) {
        reactor.stop();
      }
    });
  }

  private Deferred<@Nullable Void> write(Response response) throws IOException {
    OutputStream out = output == null
        ? System.out : new BufferedOutputStream(Files.newOutputStream(output));
    return response.writeBodyTo(new StreamConsumer(out)).always(outcome -> {
      out.flush();
      if (output != null) {
        out.close();
      }
      if (response.status() / 100 != 2) {
        error(response.status() + " " + response.reason());
      } else if (outcome.succeeded()) {
        exitCode = 0;
      }
    });
  }

  private void report(Failure failure) {
    Throwable cause = failure.exception();
    exitCode = cause instanceof ConnectError ? 2 : 1;
    error(failure.message());
  }

  private static void error(String message) {
    System.err.println("twine get: " + message);
    System.err.flush();
  }

  @Override
  public Deferred<@Nullable Void> stopService() {
    running = false;
    Deferred<@Nullable Void> current = pending;
    if (current != null) {
      current.cancel();
    }
    return Deferred.succeed(null);
  }

  @Override
  public boolean running() {
    return running;
  }

  /** Writes a body to an output stream, as it arrives. */
  private static final class StreamConsumer implements Consumer {
    private final OutputStream out;

    StreamConsumer(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(Bytes data) {
      try {
        data.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {}

    @Override
    public void unregisterProducer() {}
  }
}
