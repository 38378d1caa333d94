package dev.twine.benchmarks.servers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The requests of {@link NettyHttpServer}: {@code /plaintext} and {@code /json} by TechEmpower's
 * rules, {@code /files/NAME} as a {@link DefaultFileRegion}, and {@code /ws}, which hands the
 * connection to Netty's {@link WebSocketServerProtocolHandler} and a {@link NettyWebSocketEcho}.
 * Anything else gets 404, a method other than GET 405.
 *
 * <p>Responses are written as they are made and flushed once per read, so that pipelined
 * requests leave in one write. Threading: shared by every connection; it keeps no state.
 */
@Sharable
final class NettyHttpHandler extends ChannelInboundHandlerAdapter {
  private static final AsciiString SERVER = AsciiString.cached("Netty");
  private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
  private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
  private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");
  private static final ByteBuf PLAINTEXT = Unpooled.unreleasableBuffer(
      Unpooled.directBuffer(TechEmpower.PLAINTEXT.length).writeBytes(TechEmpower.PLAINTEXT)).asReadOnly();
  private static final String WEBSOCKET_PATH = "/ws";

  private final ServedFiles files;

  NettyHttpHandler(ServedFiles files) {
    this.files = files;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
    if (!(msg instanceof HttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    String path = path(request.uri());
    if (path.equals(WEBSOCKET_PATH)) {
      becomeWebSocket(ctx, request);
      return;
    }
    ReferenceCountUtil.release(request);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.method().equals(HttpMethod.GET)) {
      respond(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT_PLAIN, Unpooled.EMPTY_BUFFER);
      return;
    }
    switch (path) {
      case "/plaintext" -> respond(ctx, keepAlive, HttpResponseStatus.OK, TEXT_PLAIN, PLAINTEXT.duplicate());
      case "/json" -> respond(ctx, keepAlive, HttpResponseStatus.OK, APPLICATION_JSON,
          Unpooled.wrappedBuffer(TechEmpower.json()));
      default -> {
        Optional<Path> file = files.find(path);
        if (file.isPresent()) {
          sendFile(ctx, keepAlive, file.get());
        } else {
          respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, TEXT_PLAIN, Unpooled.EMPTY_BUFFER);
        }
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static String path(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
      AsciiString contentType, ByteBuf body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    headers(response, contentType, keepAlive).setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    closeUnless(keepAlive, ctx.write(response));
  }

  private static void sendFile(ChannelHandlerContext ctx, boolean keepAlive, Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long length = channel.size();
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    headers(response, OCTET_STREAM, keepAlive).set(HttpHeaderNames.CONTENT_LENGTH, length);
    ctx.write(response);
    ctx.write(new DefaultFileRegion(channel, 0, length));
    closeUnless(keepAlive, ctx.write(LastHttpContent.EMPTY_LAST_CONTENT));
  }

  private static HttpHeaders headers(HttpResponse response, AsciiString contentType, boolean keepAlive) {
    HttpHeaders headers = response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.SERVER, SERVER)
        .set(HttpHeaderNames.DATE, TechEmpower.date());
    return keepAlive ? headers : headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
  }

  private static void closeUnless(boolean keepAlive, ChannelFuture written) {
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Puts Netty's WebSocket handlers after this one, leaves the connection to them and passes
   * {@code request} on: the handshake answers it, and the echo takes the frames that follow.
   */
  private void becomeWebSocket(ChannelHandlerContext ctx, HttpRequest request) {
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.addAfter(ctx.name(), "ws-aggregator", new HttpObjectAggregator(8192));
    pipeline.addAfter("ws-aggregator", "ws", new WebSocketServerProtocolHandler(WEBSOCKET_PATH, null, false, 1 << 20));
    pipeline.addAfter("ws", "ws-echo", new NettyWebSocketEcho());
    pipeline.remove(this);
    ctx.fireChannelRead(request);
  }
}
