package dev.twine.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
  private static final Set<String> OPTIONS = Set.of("--port", "--cert", "--key", "--threads");

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
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    try {
      Channel listening = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              channel.pipeline().addLast(tls.newHandler(channel.alloc()), new Echo());
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

  /** Serves until killed. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length && OPTIONS.contains(args[i]); i += 2) {
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0 || options.size() * 2 != args.length || !options.containsKey("--port")
        || !options.containsKey("--cert") || !options.containsKey("--key")) {
      System.err.println("usage: NettyTlsEchoServer --port P --cert CERT.pem --key KEY.pem [--threads N]");
      System.exit(2);
    }
    NettyTlsEchoServer server;
    try {
      server = start(Integer.parseInt(options.get("--port")), new File(options.get("--cert")),
          new File(options.get("--key")), Integer.parseInt(options.getOrDefault("--threads", "1")));
    } catch (Exception e) {
      System.err.println("NettyTlsEchoServer: " + e);
      System.exit(1);
      return;
    }
    server.listening.closeFuture().sync();
  }

  /** Writes back what it reads; flushes when the read burst ends. */
  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      context.write(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
      context.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      context.close();
    }
  }
}
