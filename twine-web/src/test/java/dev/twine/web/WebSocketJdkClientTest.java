package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.twine.bytes.Bytes;
import dev.twine.web.websocket.Admission;
import dev.twine.web.websocket.ConnectionRequest;
import dev.twine.web.websocket.PerMessageDeflate;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketProtocol;
import dev.twine.web.websocket.WebSocketResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's {@link java.net.http.WebSocket} client against a WebSocketResource on a real socket. */
class WebSocketJdkClientTest {
  private static LiveSite site;
  private static HttpClient client;

  /** Echoes every message as it came, and accepts the subprotocol "echo" when offered. */
  static final class Echo extends WebSocketProtocol {
    @Override
    public Admission onConnect(ConnectionRequest request) {
      return request.handshake().selectSubprotocol(List.of("echo"))
          .map(Admission::accept).orElse(Admission.accept());
    }

    @Override
    public void onMessage(Bytes payload, boolean binary) {
      connection().sendMessage(payload, binary);
    }
  }

  @BeforeAll
  static void start() {
    site = new LiveSite(reactor -> new Resource().putChild("ws", new WebSocketResource(reactor,
        WebSocketOptions.DEFAULT.withDeflate(PerMessageDeflate.DEFAULT), Echo::new)),
        SiteOptions.DEFAULT, null);
    client = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    site.close();
  }

  /** Collects what the client hears, one event per line. */
  static final class Heard implements WebSocket.Listener {
    final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add("text " + text);
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      events.add("binary " + Bytes.wrap(bytes).hex());
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
      events.add("pong " + (char) message.get());
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      events.add("close " + statusCode + " " + reason);
      return null;
    }

    String next() throws InterruptedException {
      String event = events.poll(LiveSite.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event within " + LiveSite.PATIENCE).isNotNull();
      return event;
    }
  }

  private static URI uri() {
    return URI.create("ws://127.0.0.1:" + site.port() + "/ws");
  }

  @Test
  void messagesComeBackAndTheCloseIsAnswered() throws Exception {
    Heard heard = new Heard();
    WebSocket socket = client.newWebSocketBuilder().subprotocols("echo")
        .buildAsync(uri(), heard).get(10, TimeUnit.SECONDS);
    assertThat(socket.getSubprotocol()).isEqualTo("echo");
    socket.sendText("Hello, ", false).join();
    socket.sendText("world \u00e9\ud83d\ude00", true).join();
    assertThat(heard.next()).isEqualTo("text Hello, world \u00e9\ud83d\ude00");
    socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    assertThat(heard.next()).isEqualTo("binary 010203");
    String big = "0123456789".repeat(30_000);
    socket.sendText(big, true).join();
    assertThat(heard.next()).isEqualTo("text " + big);
    socket.sendPing(ByteBuffer.wrap(new byte[] {'p'})).join();
    assertThat(heard.next()).isEqualTo("pong p");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    assertThat(heard.next()).isEqualTo("close 1000 ");
  }

  @Test
  void pagesOfAnotherSiteAreRefused() {
    CompletableFuture<WebSocket> opening = client.newWebSocketBuilder()
        .header("Origin", "https://evil.example").buildAsync(uri(), new Heard());
    Throwable failure = catchThrowable(opening::join);
    assertThat(failure).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
  }
}
