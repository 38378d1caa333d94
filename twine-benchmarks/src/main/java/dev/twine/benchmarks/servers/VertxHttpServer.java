package dev.twine.benchmarks.servers;

import dev.twine.benchmarks.Args;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Vert.x's HTTP/1.1 peer: {@code VertxHttpServer --port P --threads N --files DIR} serves
 * TechEmpower's {@code GET /plaintext} and {@code GET /json}, the files of DIR at {@code GET
 * /files/NAME} (with {@code sendFile}) and a WebSocket echo at {@code /ws}, on 127.0.0.1 with N
 * event loops, one {@link VertxHelloVerticle} each, until it is killed. Vert.x uses its native
 * transport where it can load it.
 *
 * <p>Defaults: port 8080, 1 thread, the current directory. With port 0 and more than one thread
 * each verticle may get a port of its own: give a port when there are several threads.
 */
public final class VertxHttpServer implements AutoCloseable {
  private static final long STARTUP_SECONDS = 30;

  private final Vertx vertx;
  private final int port;

  private VertxHttpServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** Runs the server until the process is killed. */
  public static void main(String[] argv) {
    Args.run("VertxHttpServer", () -> {
      Args args = Args.parse(argv, "port", "threads", "files");
      start(args.integer("port", 8080), args.integer("threads", 1), Path.of(args.string("files", ".")));
    });
  }

  /**
   * Starts a server on 127.0.0.1 at {@code port} (0 for any free one) and returns once it
   * listens; its event loops keep the JVM alive until {@link #close}.
   *
   * @throws IllegalArgumentException if {@code threads} is below 1 or {@code files} is not a
   *     directory
   * @throws ExecutionException if a verticle cannot listen
   * @throws TimeoutException if the verticles are not listening within 30 seconds
   */
  public static VertxHttpServer start(int port, int threads, Path files)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (threads < 1) {
      throw new Args.Invalid("--threads must be at least 1, not " + threads);
    }
    if (!Files.isDirectory(files)) {
      throw new Args.Invalid("--files must be a directory: " + files);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads).setPreferNativeTransport(true));
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    ServedFiles served = new ServedFiles(files);
    try {
      vertx.deployVerticle(() -> new VertxHelloVerticle(port, served, bound),
              new DeploymentOptions().setInstances(threads))
          .toCompletionStage().toCompletableFuture().get(STARTUP_SECONDS, TimeUnit.SECONDS);
      return new VertxHttpServer(vertx, bound.getNow(port));
    } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Returns the port the server listens on. */
  public int port() {
    return port;
  }

  /** Closes every server and connection and stops Vert.x, waiting up to 10 seconds. */
  @Override
  public void close() throws InterruptedException, ExecutionException, TimeoutException {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
