package dev.twine.web;

import dev.twine.application.MultiService;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import dev.twine.testing.Clock;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A site served by a real {@link NioReactor} on its own thread, as {@code twine} serves one: a
 * service tree of a listening endpoint and a {@link SiteShutdown}, stopped by a "before shutdown"
 * trigger. The site's timeouts and shutdown deadline run on a {@link Clock} that the test moves
 * on the reactor thread. {@code GET /slow} is answered when the test {@linkplain #release
 * releases} it.
 */
final class DrainingSite implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(10);

  final NioReactor reactor =
      new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofMillis(500)));
  final Clock clock = new Clock();
  private final LinkedBlockingQueue<Deferred<Bytes>> slow = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> exited = new CompletableFuture<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Void> stopping = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicInteger fastRequests =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Site site;
  private final int port;

  DrainingSite(Duration deadline, Function<NioReactor, Resource> extra) {
    Resource root = extra.apply(reactor);
    root.putChild("slow", new Resource().on(HttpMethod.GET, request -> {
      Deferred<Bytes> body = new Deferred<>();
      slow.add(body);
      return Rendered.later(body);
    }));
    root.putChild("fast", new Resource().on(HttpMethod.GET, request -> {
      fastRequests.incrementAndGet();
      return Rendered.body("fast");
    }));
    site = new Site(root, clock, SiteOptions.DEFAULT);
    MultiService app = new MultiService();
    StreamServerEndpointService listening = new StreamServerEndpointService(
        Endpoints.server(reactor, "tcp:0:interface=127.0.0.1:backlog=1024"), site);
    app.addService(listening);
    app.addService(new SiteShutdown(site, deadline));
    reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, () -> {
      Deferred<?> stopped = app.stopService().onSuccess(done -> drained.complete(null));
      stopping.complete(null);
      return stopped;
    });
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    reactor.callWhenRunning(() -> {
      app.startService();
      listening.whenListening().onSuccess(
          port -> bound.complete(((IPv4Address) port.address()).port()));
    });
    Thread.ofPlatform().name("draining-site").daemon().start(() -> {
      try {
        reactor.run();
        exited.complete(null);
      } catch (Throwable e) {
        exited.completeExceptionally(e);
      }
    });
    this.port = await(bound);
  }

  int port() {
    return port;
  }

  Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout((int) PATIENCE.toMillis());
    return socket;
  }

  /** Waits until a request to {@code /slow} has reached the resource. */
  Deferred<Bytes> nextSlow() throws InterruptedException {
    Deferred<Bytes> body = slow.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    if (body == null) {
      throw new AssertionError("no request reached /slow within " + PATIENCE);
    }
    return body;
  }

  /** Waits, a bounded time, until {@code /fast} has been asked for {@code count} times. */
  void awaitFastRequests(int count) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (fastRequests.get() < count) {
      if (System.nanoTime() > end) {
        throw new AssertionError("/fast was asked for " + fastRequests.get() + " times, not " + count);
      }
      Thread.sleep(5);
    }
  }

  /** Answers a request to {@code /slow} with {@code text}, on the reactor thread. */
  void release(Deferred<Bytes> body, String text) {
    call(() -> {
      body.callback(Bytes.utf8(text));
      return null;
    });
  }

  /** Starts the reactor's shutdown, which starts the site's, and waits until it has started. */
  void stop() {
    reactor.stop();
    await(stopping);
  }

  boolean shuttingDown() {
    return call(site::shuttingDown);
  }

  int openConnections() {
    return call(site::openConnections);
  }

  /** Moves the site's clock by {@code amount}, on the reactor thread. */
  void advance(Duration amount) {
    call(() -> {
      clock.advance(amount);
      return null;
    });
  }

  /** Waits until the site has drained, and the reactor has stopped. */
  void awaitExit() {
    await(drained);
    await(exited);
  }

  boolean drained() {
    return drained.isDone();
  }

  <T> T call(java.util.concurrent.Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    reactor.callFromThread(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return await(result);
  }

  static <T> T await(CompletableFuture<T> future) {
    return LiveSite.await(future);
  }

  @Override
  public void close() {
    if (!exited.isDone()) {
      try {
        reactor.stop();
      } catch (IllegalStateException alreadyStopping) {
        // the test stopped it
      }
      reactor.callFromThread(() -> clock.advance(Duration.ofMinutes(10)));
      await(exited);
    }
  }
}
