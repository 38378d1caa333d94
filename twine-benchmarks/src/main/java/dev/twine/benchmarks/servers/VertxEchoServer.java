package dev.twine.benchmarks.servers;

import dev.twine.benchmarks.Args;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;

/**
 * A TCP echo server on Vert.x's {@code NetServer}: every buffer a socket receives is written
 * back to it.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.servers.VertxEchoServer --port 9000 --threads 1
 * }</pre>
 *
 * <p>{@code --threads N} (default 1) sets both the number of event loops and the number of
 * verticle instances, each with its own server on the shared port, the way Vert.x scales a
 * server over cores.
 */
public final class VertxEchoServer {
  private VertxEchoServer() {}

  /** Listens on 127.0.0.1 and echoes until the process is killed. */
  public static void main(String[] argv) {
    Args.run("VertxEchoServer", () -> {
      Args args = Args.parse(argv, "port", "threads");
      int port = args.integer("port", 9000);
      int threads = args.integer("threads", 1);
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
      vertx.deployVerticle(() -> new Echo(port), new DeploymentOptions().setInstances(threads))
          .await();
    });
  }

  /** One echo server on the shared port. */
  private static final class Echo extends VerticleBase {
    private final int port;

    Echo(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setTcpNoDelay(true))
          .connectHandler(socket -> socket.handler(socket::write))
          .listen(port);
    }
  }
}
