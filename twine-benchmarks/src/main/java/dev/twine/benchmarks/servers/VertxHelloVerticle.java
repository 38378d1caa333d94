package dev.twine.benchmarks.servers;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One event loop's HTTP server of {@link VertxHttpServer}: {@code /plaintext} and {@code /json}
 * by TechEmpower's rules, {@code /files/NAME} with {@code sendFile}, and a WebSocket echo at
 * {@code /ws} (text as text, binary as binary) through {@code webSocketHandler}; other
 * WebSocket paths are refused with 404, other paths get 404, other methods 405.
 */
final class VertxHelloVerticle extends VerticleBase {
  private static final CharSequence SERVER = HttpHeaders.createOptimized("Vert.x");
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final Buffer PLAINTEXT = Buffer.buffer(TechEmpower.PLAINTEXT);
  private static final String WEBSOCKET_PATH = "/ws";

  private final int port;
  private final ServedFiles files;
  private final CompletableFuture<Integer> bound;
  private @Nullable HttpServer server;

  /** Creates one that listens at {@code port} and completes {@code bound} with the port it got. */
  VertxHelloVerticle(int port, ServedFiles files, CompletableFuture<Integer> bound) {
    this.port = port;
    this.files = files;
    this.bound = bound;
  }

  @Override
  public Future<?> start() {
    HttpServer http = vertx.createHttpServer()
        .requestHandler(this::handle)
        .webSocketHandshakeHandler(this::handshake)
        .webSocketHandler(VertxHelloVerticle::echo);
    server = http;
    return http.listen(port, "127.0.0.1").onSuccess(listening -> bound.complete(listening.actualPort()));
  }

  /** Closes the server and its connections at once, without waiting for them to finish. */
  @Override
  public Future<?> stop() {
    HttpServer http = server;
    return http == null ? Future.succeededFuture() : http.shutdown(Duration.ZERO);
  }

  private void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response()
        .putHeader(HttpHeaders.SERVER, SERVER)
        .putHeader(HttpHeaders.DATE, TechEmpower.date());
    if (request.method() != HttpMethod.GET) {
      response.setStatusCode(405).end();
      return;
    }
    switch (request.path()) {
      case "/plaintext" -> response.putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(PLAINTEXT);
      case "/json" -> response.putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
          .end(Buffer.buffer(TechEmpower.json()));
      default -> {
        Optional<Path> file = files.find(request.path());
        if (file.isPresent()) {
          response.sendFile(file.get().toString());
        } else {
          response.setStatusCode(404).end();
        }
      }
    }
  }

  private void handshake(ServerWebSocketHandshake handshake) {
    if (handshake.path().equals(WEBSOCKET_PATH)) {
      handshake.accept();
    } else {
      handshake.reject(404);
    }
  }

  private static void echo(ServerWebSocket socket) {
    socket.textMessageHandler(socket::writeTextMessage);
    socket.binaryMessageHandler(socket::writeBinaryMessage);
  }
}
