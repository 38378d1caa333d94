package dev.twine.benchmarks.load;

import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/** The Netty client plumbing every load shares: one bootstrap, bounded connects and shutdown. */
final class Clients {
  /** How long one connect may take before the run fails: 10 s. */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private Clients() {}

  /** Returns a TCP client bootstrap on {@code loop}, without a handler, Nagle off. */
  static Bootstrap bootstrap(EventLoopGroup loop, NettyTransport transport) {
    return new Bootstrap()
        .group(loop)
        .channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
  }

  /**
   * Connects {@code bootstrap} to {@code host:port}, waiting for the connection.
   *
   * @throws LoadFailure if the connection fails or takes longer than the connect timeout
   */
  static void connect(Bootstrap bootstrap, String host, int port) throws InterruptedException {
    ChannelFuture connected = bootstrap.connect(host, port);
    if (!connected.await(CONNECT_TIMEOUT_MILLIS + 1000L, TimeUnit.MILLISECONDS)
        || !connected.isSuccess()) {
      throw new LoadFailure("cannot connect to " + host + ":" + port + ": " + connected.cause());
    }
  }

  /** Closes every channel of {@code loop} and stops it, waiting at most 5 s. */
  static void shutDown(EventLoopGroup loop) throws InterruptedException {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
