package dev.twine.benchmarks.servers;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Netty's TCP echo over TLS, the peer of {@code twine echo --listen ssl:...}: the JDK's TLS
 * provider (as Twine uses), TLS 1.3 and 1.2, NIO event loops, echoing what each read brings and
 * flushing once per read burst.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.servers.NettyTlsEchoServer --port 8443 \
 *     --cert cert.pem --key key.pem [--threads 1]
 * }</pre>
 *
 * <p>Listens on 127.0.0.1 until killed. Exit code 2 for bad arguments, 1 if it cannot listen or
 * load the key.
 */
public final class NettyTlsEchoServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel listening;

  private NettyTlsEchoServer(EventLoopGroup group, Channel listening) {
    this.group = group;
    this.listening = listening;
  }

  /** Listens on {@code port} of 127.0.0.1 (0 for any free port) with {@code threads} event loops. */
  public static NettyTlsEchoServer start(int port, File cert, File key, int threads) throws Exception {
    SslContext tls = SslContextBuilder.forServer(cert, key)
        .sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
    EventLoopGroup group = NettyTransport.NIO.eventLoops(threads);
    try {
      Channel listening = new ServerBootstrap()
          .group(group)
          .channel(NettyTransport.NIO.serverChannel())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              channel.pipeline().addLast(tls.newHandler(channel.alloc()), new NettyEcho());
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
      return new NettyTlsEchoServer(group, listening);
    } catch (Exception | Error e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** Returns the port it listens on. */
  public int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  /** Stops listening, closes every connection and stops the event loops. */
  @Override
  public void close() throws InterruptedException {
    listening.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** Serves until killed; exits with 2 for bad arguments, 1 if it cannot listen or load the key. */
  public static void main(String[] argv) {
    Args.run("NettyTlsEchoServer", () -> {
      Args args = Args.parse(argv, "port", "cert", "key", "threads");
      String cert = args.string("cert", "");
      String key = args.string("key", "");
      if (cert.isEmpty() || key.isEmpty()) {
        throw new Args.Invalid("--cert CERT.pem and --key KEY.pem are required");
      }
      start(args.integer("port", 8443), new File(cert), new File(key), args.integer("threads", 1));
    });
  }

}
