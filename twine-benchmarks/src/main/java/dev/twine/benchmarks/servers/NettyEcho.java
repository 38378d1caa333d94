package dev.twine.benchmarks.servers;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The Netty echo peers' handler: writes back what each read brings, flushes once when the read
 * burst ends, and closes a connection that fails. One instance serves every connection; it runs
 * on each connection's event loop.
 */
@Sharable
final class NettyEcho extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    context.write(message, context.voidPromise());
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
