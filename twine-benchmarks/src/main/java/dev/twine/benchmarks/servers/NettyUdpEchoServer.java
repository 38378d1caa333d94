package dev.twine.benchmarks.servers;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * A UDP echo server on Netty's NIO datagram channel: every datagram goes back to its sender,
 * and the datagrams of one read loop are flushed once, when the loop completes.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.twine.benchmarks.servers.NettyUdpEchoServer --port 9000
 * }</pre>
 *
 * <p>It accepts {@code --threads N} like every peer server, but one datagram channel is served by
 * one event loop whatever N is.
 */
public final class NettyUdpEchoServer {
  private NettyUdpEchoServer() {}

  /** Binds 127.0.0.1 and echoes until the process is killed. */
  public static void main(String[] argv) {
    Args.run("NettyUdpEchoServer", () -> {
      Args args = Args.parse(argv, "port", "threads");
      start(args.integer("port", 9000), args.integer("threads", 1));
    });
  }

  /**
   * Binds 127.0.0.1:{@code port} (0 for any free port) and returns the datagram channel;
   * closing the channel's event loops ({@code channel.eventLoop().parent().shutdownGracefully()})
   * stops it.
   *
   * @throws InterruptedException if interrupted while binding
   */
  public static Channel start(int port, int threads) throws InterruptedException {
    return new Bootstrap()
        .group(NettyTransport.NIO.eventLoops(threads))
        .channel(NettyTransport.NIO.datagramChannel())
        .handler(new Echo())
        .bind("127.0.0.1", port)
        .sync()
        .channel();
  }

  /** Sends each datagram's content back to its sender. */
  private static final class Echo extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
      context.write(new DatagramPacket(packet.content().retain(), packet.sender()),
          context.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
      context.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      // A datagram that could not be sent (the client went away) is lost, as UDP allows.
    }
  }
}
