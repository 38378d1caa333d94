package dev.twine.benchmarks.servers;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

/**
 * A TCP echo server written the way Netty's own example writes it: each buffer read is written
 * back as it is, and the writes of one read loop are flushed once, when the loop completes.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.servers.NettyEchoServer --port 9000 --threads 1 --transport epoll
 * }</pre>
 *
 * <p>{@code --threads N} (default 1) event loops accept and serve the connections;
 * {@code --transport nio|epoll} (default nio) picks the transport, and {@code epoll} fails with
 * exit code 1 where Netty's native epoll is not available.
 */
public final class NettyEchoServer {
  private NettyEchoServer() {}

  /** Listens on 127.0.0.1 and echoes until the process is killed. */
  public static void main(String[] argv) {
    Args.run("NettyEchoServer", () -> {
      Args args = Args.parse(argv, "port", "threads", "transport");
      start(args.integer("port", 9000), args.integer("threads", 1),
          NettyTransport.named(args.string("transport", "nio")));
    });
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0 for any free port) and returns its listening
   * channel; closing the channel's event loops ({@code channel.eventLoop().parent()
   * .shutdownGracefully()}) stops it.
   *
   * @throws InterruptedException if interrupted while binding
   */
  public static Channel start(int port, int threads, NettyTransport transport)
      throws InterruptedException {
    EventLoopGroup loops = transport.eventLoops(threads);
    return new ServerBootstrap()
        .group(loops)
        .channel(transport.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new NettyEcho())
        .bind("127.0.0.1", port)
        .sync()
        .channel();
  }
}
