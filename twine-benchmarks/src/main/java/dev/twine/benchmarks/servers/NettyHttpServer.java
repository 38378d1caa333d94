package dev.twine.benchmarks.servers;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Netty's HTTP/1.1 peer: {@code NettyHttpServer --port P --threads N --transport nio|epoll
 * --files DIR} serves TechEmpower's {@code GET /plaintext} and {@code GET /json}, the files of
 * DIR at {@code GET /files/NAME} (zero-copy, with a {@code DefaultFileRegion}) and a WebSocket
 * echo at {@code /ws}, on 127.0.0.1 with N event loops, until it is killed. Keep-alive and
 * pipelining work as Netty's codec gives them: responses are written in order and flushed once
 * per read.
 *
 * <p>Defaults: port 8080, 1 thread, the nio transport, the current directory.
 */
public final class NettyHttpServer implements AutoCloseable {
  private final EventLoopGroup loops;
  private final Channel listening;

  private NettyHttpServer(EventLoopGroup loops, Channel listening) {
    this.loops = loops;
    this.listening = listening;
  }

  /** Runs the server until the process is killed. */
  public static void main(String[] argv) {
    Args.run("NettyHttpServer", () -> {
      Args args = Args.parse(argv, "port", "threads", "transport", "files");
      start(args.integer("port", 8080), args.integer("threads", 1),
          NettyTransport.named(args.string("transport", "nio")), Path.of(args.string("files", ".")));
    });
  }

  /**
   * Starts a server on 127.0.0.1 at {@code port} (0 for any free one) and returns once it
   * listens; its event loops keep the JVM alive until {@link #close}.
   *
   * @throws IllegalArgumentException if {@code threads} is below 1 or {@code files} is not a
   *     directory
   */
  public static NettyHttpServer start(int port, int threads, NettyTransport transport, Path files)
      throws InterruptedException {
    if (!Files.isDirectory(files)) {
      throw new Args.Invalid("--files must be a directory: " + files);
    }
    EventLoopGroup loops = transport.eventLoops(threads);
    NettyHttpHandler handler = new NettyHttpHandler(new ServedFiles(files));
    try {
      Channel listening = new ServerBootstrap()
          .group(loops)
          .channel(transport.serverChannel())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel connection) {
              connection.pipeline().addLast("http", new HttpServerCodec()).addLast("hello", handler);
            }
          })
          .bind("127.0.0.1", port).sync().channel();
      return new NettyHttpServer(loops, listening);
    } catch (RuntimeException | InterruptedException e) {
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** Returns the port the server listens on. */
  public int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  /** Stops listening, closes every connection and ends the event loops, waiting for them. */
  @Override
  public void close() {
    listening.close().syncUninterruptibly();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
