package dev.twine.benchmarks.load;

import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Netty's HTTP client codec on one NIO event loop: as many connections as requests in flight,
 * each keeping one request in flight and sending the next on the same connection.
 */
final class NettyLoadClient implements LoadClient {
  private static final int MAX_BODY = 1 << 20;

  private final Target target;
  private final String hostHeader;
  private final LoadStats stats;
  private final EventLoopGroup group = NettyTransport.NIO.eventLoops(1);

  NettyLoadClient(Target target, LoadStats stats) {
    this.target = target;
    this.hostHeader = target.host() + ":" + target.port();
    this.stats = stats;
  }

  @Override
  public void start(int concurrency) {
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NettyTransport.NIO.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY),
                new OneInFlight());
          }
        });
    for (int i = 0; i < concurrency; i++) {
      bootstrap.connect(target.host(), target.port()).addListener(connected -> {
        if (!connected.isSuccess()) {
          stats.failed("cannot connect to " + hostHeader + ": " + connected.cause());
        }
      });
    }
  }

  /** Sends a request when connected and the next one when each response has arrived. */
  private final class OneInFlight extends SimpleChannelInboundHandler<FullHttpResponse> {
    private long start;

    @Override
    public void channelActive(ChannelHandlerContext context) {
      send(context);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
      stats.completed(start, response.status().code(),
          response.content().toString(StandardCharsets.UTF_8));
      if (stats.running()) {
        send(context);
      } else {
        context.close();
      }
    }

    private void send(ChannelHandlerContext context) {
      FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
          target.path(), Unpooled.EMPTY_BUFFER);
      request.headers().set(HttpHeaderNames.HOST, hostHeader);
      start = System.nanoTime();
      context.writeAndFlush(request);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      if (stats.running()) {
        stats.failed("the server closed a connection");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      stats.failed("GET " + target.uri() + " failed: " + cause);
      context.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
  }
}
