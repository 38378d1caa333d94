package dev.twine.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * One WebSocket connection of {@link WebSocketLoad}, after Netty's client handshake: sends a
 * binary message, waits for its echo, checks it, and sends the next, timing each round trip.
 */
final class WebSocketPingPong extends ChannelInboundHandlerAdapter {
  private final ByteBuf payload;
  private final EchoMeter meter;
  private long sentAt;

  /** Creates one that sends {@code payload} (which it never releases) and tells {@code meter}. */
  WebSocketPingPong(ByteBuf payload, EchoMeter meter) {
    this.payload = payload;
    this.meter = meter;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      meter.opened();
      send(ctx);
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      meter.fail("the server did not answer a WebSocket handshake in time");
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      switch (msg) {
        case BinaryWebSocketFrame echo when ByteBufUtil.equals(echo.content(), payload) -> {
          meter.roundTrip(System.nanoTime() - sentAt);
          send(ctx);
        }
        case BinaryWebSocketFrame echo -> meter.fail("the echo of a " + payload.readableBytes()
            + "-byte binary message came back as " + echo.content().readableBytes() + " other bytes");
        case TextWebSocketFrame echo -> meter.fail("a binary message came back as text");
        default -> { }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    meter.fail("the server closed a WebSocket connection");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    meter.fail("a WebSocket connection failed: " + cause);
    ctx.close();
  }

  private void send(ChannelHandlerContext ctx) {
    sentAt = System.nanoTime();
    ctx.writeAndFlush(new BinaryWebSocketFrame(payload.retainedDuplicate()));
  }
}
