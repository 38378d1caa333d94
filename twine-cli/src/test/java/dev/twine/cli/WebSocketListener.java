package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link WebSocket} client that collects what it hears as lines, {@code text ...}, {@code
 * binary HEX} and {@code close CODE}, for the test thread to take one at a time, each within
 * {@link TwineProcess#WAIT}.
 */
final class WebSocketListener implements WebSocket.Listener {
  private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

  /** Opens a WebSocket to {@code uri} with {@code client}, listening with a new listener. */
  static Connected connect(HttpClient client, String uri) {
    WebSocketListener listener = new WebSocketListener();
    WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(uri), listener)
        .orTimeout(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return new Connected(socket, listener);
  }

  /** An open WebSocket and what it hears. */
  record Connected(WebSocket socket, WebSocketListener heard) {}

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
    binary.writeBytes(bytes);
    if (last) {
      events.add("binary " + HexFormat.of().formatHex(binary.toByteArray()));
      binary.reset();
    }
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
    events.add("close " + statusCode);
    return null;
  }

  /** Takes the next event; fails the test if none comes in time. */
  String next() throws InterruptedException {
    String event = events.poll(TwineProcess.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(event).as("an event within " + TwineProcess.WAIT).isNotNull();
    return event;
  }
}
