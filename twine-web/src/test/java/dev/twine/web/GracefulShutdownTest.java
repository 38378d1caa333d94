package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketProtocol;
import dev.twine.web.websocket.WebSocketResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A site shutting down gracefully over real sockets: what is under way is answered, keep-alive
 * connections are told to close, WebSockets hear 1001, and the deadline aborts what is left.
 */
class GracefulShutdownTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private static DrainingSite site() {
    return new DrainingSite(DEADLINE, reactor -> new Resource()
        .putChild("ws", new WebSocketResource(reactor, WebSocketOptions.DEFAULT, Silent::new)));
  }

  /** A WebSocket protocol that says nothing. */
  static final class Silent extends WebSocketProtocol {}

  @Test
  void answersTheRequestInFlightWithConnectionCloseAndRefusesNewConnections() throws Exception {
    try (DrainingSite site = site(); Socket socket = site.connect()) {
      send(socket, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
      Deferred<Bytes> slow = site.nextSlow();

      site.stop();
      site.call(() -> null); // a turn of the loop: NIO closes the listening socket at a select
      Throwable refused = catchThrowable(site::connect);
      site.release(slow, "finished late");

      Reply reply = Reply.read(socket.getInputStream());
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("finished late");
      assertThat(reply.head()).containsIgnoringCase("Connection: close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(refused).isInstanceOf(ConnectException.class);
      site.awaitExit();
    }
  }

  @Test
  void closesIdleKeepAliveConnectionsAtOnce() throws Exception {
    try (DrainingSite site = site(); Socket used = site.connect(); Socket silent = site.connect()) {
      send(used, "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(Reply.read(used.getInputStream()).body()).isEqualTo("fast");
      assertThat(site.openConnections()).isEqualTo(2);

      site.stop();

      assertThat(used.getInputStream().read()).isEqualTo(-1);
      assertThat(silent.getInputStream().read()).isEqualTo(-1);
      site.awaitExit();
    }
  }

  @Test
  void tellsTheNextRequestOnAKeepAliveConnectionToClose() throws Exception {
    try (DrainingSite site = site(); Socket socket = site.connect()) {
      send(socket, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
      Deferred<Bytes> slow = site.nextSlow();

      site.stop();
      send(socket, "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
      site.awaitFastRequests(1);
      site.release(slow, "slow");

      InputStream in = socket.getInputStream();
      Reply first = Reply.read(in);
      Reply second = Reply.read(in);
      assertThat(first.body()).isEqualTo("slow");
      assertThat(first.head()).doesNotContainIgnoringCase("Connection: close");
      assertThat(second.body()).isEqualTo("fast");
      assertThat(second.head()).containsIgnoringCase("Connection: close");
      assertThat(in.read()).isEqualTo(-1);
      site.awaitExit();
    }
  }

  @Test
  void closesAfterPipelinedResponsesWhoseHeadsWereReady() throws Exception {
    try (DrainingSite site = site(); Socket socket = site.connect()) {
      send(socket, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
      Deferred<Bytes> slow = site.nextSlow();
      site.awaitFastRequests(1);

      site.stop();
      site.release(slow, "slow");

      InputStream in = socket.getInputStream();
      assertThat(Reply.read(in).body()).isEqualTo("slow");
      assertThat(Reply.read(in).body()).isEqualTo("fast");
      assertThat(in.read()).isEqualTo(-1);
      site.awaitExit();
    }
  }

  @Test
  void sendsGoingAwayToWebSockets() throws Exception {
    try (DrainingSite site = site(); HttpClient client = HttpClient.newHttpClient()) {
      CompletableFuture<Integer> closedWith = new CompletableFuture<>();
      WebSocket socket = client.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + site.port() + "/ws"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
              closedWith.complete(statusCode);
              return null;
            }
          })
          .get(DrainingSite.PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

      site.stop();

      assertThat(DrainingSite.await(closedWith)).isEqualTo(1001);
      site.awaitExit();
      assertThat(socket.isInputClosed()).isTrue();
    }
  }

  @Test
  void abortsAndLogsWhatIsLeftAtTheDeadline() throws Exception {
    List<String> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
          synchronized (warnings) {
            warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger(Site.class.getName());
    logger.addHandler(handler);
    try (DrainingSite site = site(); Socket socket = site.connect()) {
      send(socket, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
      site.nextSlow();
      site.stop();

      site.advance(DEADLINE.minusMillis(1));
      assertThat(site.drained()).isFalse();
      assertThat(site.openConnections()).isEqualTo(1);
      site.advance(Duration.ofMillis(1));

      site.awaitExit();
      assertThat(catchThrowable(() -> assertThat(socket.getInputStream().read()).isEqualTo(-1)))
          .satisfiesAnyOf(
              thrown -> assertThat(thrown).isNull(),
              thrown -> assertThat(thrown).isInstanceOf(IOException.class));
      synchronized (warnings) {
        assertThat(warnings).anySatisfy(line -> assertThat(line)
            .contains("shutdown deadline passed").contains("GET /slow"));
      }
    } finally {
      logger.removeHandler(handler);
    }
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** One response read from a socket: its head as text, its status and its body. */
  record Reply(String head, int status, String body) {
    /** Reads one response whose body has a Content-Length. */
    static Reply read(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the connection ended in a response head: " + head);
        }
        head.append((char) b);
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      byte[] body = in.readNBytes(length);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Reply(head.toString(), status, new String(body, StandardCharsets.UTF_8));
    }
  }
}
