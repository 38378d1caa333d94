package dev.twine.web;

import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.nio.NioReactor;
import dev.twine.internet.tls.TlsServerOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Site} served by a real {@link NioReactor} on a thread of its own, listening on a free
 * port of 127.0.0.1, for tests with real clients; {@link #close} stops it.
 */
final class LiveSite implements AutoCloseable {
  /** How long a test waits for anything the server does. */
  static final Duration PATIENCE = Duration.ofSeconds(10);

  final NioReactor reactor =
      new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofMillis(500)));
  private final CompletableFuture<Void> exited = new CompletableFuture<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final int port;

  LiveSite(Resource root) {
    this(root, SiteOptions.DEFAULT);
  }

  LiveSite(Resource root, SiteOptions options) {
    this(reactor -> root, options, null);
  }

  /**
   * Starts a site whose tree {@code tree} makes on the site's reactor, for resources that need
   * it; with {@code tls}, the site speaks HTTPS.
   */
  LiveSite(Function<NioReactor, Resource> tree, SiteOptions options,
      @Nullable TlsServerOptions tls) {
    Thread.ofPlatform().name("site-under-test").daemon().start(() -> {
      try {
        reactor.run();
        exited.complete(null);
      } catch (Throwable e) {
        exited.completeExceptionally(e);
      }
    });
    ListeningPort listening = call(() -> {
      Site site = new Site(tree.apply(reactor), reactor, options);
      Factory factory = address -> countConnection(site, address);
      return tls == null ? reactor.listenTcp(0, factory, 50, "127.0.0.1")
          : reactor.listenTls(0, factory, tls, 50, "127.0.0.1");
    });
    this.port = ((IPv4Address) listening.address()).port();
  }

  private Protocol countConnection(Site site, Address address) {
    connections.incrementAndGet();
    return site.buildProtocol(address);
  }

  /** Returns the port the site listens on. */
  int port() {
    return port;
  }

  /** Returns the base URL of the site, such as {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Returns how many connections the site has accepted. */
  int connections() {
    return connections.get();
  }

  /** Runs {@code work} on the reactor thread and returns its result. */
  <T> T call(Callable<T> work) {
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
    try {
      return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("nothing happened within " + PATIENCE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    reactor.stop();
    await(exited);
  }
}
