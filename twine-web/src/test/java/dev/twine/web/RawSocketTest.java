package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.PushProducer;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Clients written by hand on plain sockets: pipelining, and a slowloris attack. */
class RawSocketTest {
  private static final Pattern BODY = Pattern.compile("Content-Length: (\\d+)\r\n(?:.*?\r\n)*?\r\n",
      Pattern.DOTALL);

  private static Socket connect(LiveSite site) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", site.port()), 5000);
    socket.setSoTimeout((int) LiveSite.PATIENCE.toMillis());
    return socket;
  }

  @Test
  void answersSixteenPipelinedRequestsInOneWriteInOrder() throws IOException {
    Resource root = new Resource();
    root.putChild("n", new Resource().on(HttpMethod.GET,
        request -> Rendered.body("response " + request.arg("i").orElseThrow())));
    try (LiveSite site = new LiveSite(root); Socket socket = connect(site)) {
      StringBuilder requests = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        requests.append("GET /n?i=").append(i).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
      }
      socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
      List<String> bodies = readBodies(socket.getInputStream(), 16);
      for (int i = 0; i < 16; i++) {
        assertThat(bodies.get(i)).isEqualTo("response " + i);
      }
    }
  }

  /** Reads {@code count} responses with Content-Length bodies and returns their bodies. */
  private static List<String> readBodies(InputStream in, int count) throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> bodies = new ArrayList<>();
    byte[] buffer = new byte[8192];
    int from = 0;
    while (bodies.size() < count) {
      Matcher head = BODY.matcher(text);
      if (head.find(from)) {
        int length = Integer.parseInt(head.group(1));
        if (text.length() >= head.end() + length) {
          bodies.add(text.substring(head.end(), head.end() + length));
          from = head.end() + length;
          continue;
        }
      }
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("the server closed after " + bodies.size() + " responses");
      }
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return bodies;
  }

  @Test
  void servesAClientQuicklyWhileTwoHundredOthersSendHeadersAByteASecond() throws Exception {
    try (LiveSite site = new LiveSite(LiveTree.root());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          slow.add(connect(site));
        }
        byte[] head = "GET /hello HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        List<Long> servedInMillis = new ArrayList<>();
        for (int second = 0; second < 3; second++) {
          for (Socket socket : slow) {
            OutputStream out = socket.getOutputStream();
            out.write(head[second]);
            out.flush();
          }
          long start = System.nanoTime();
          HttpResponse<String> response = client.send(
              HttpRequest.newBuilder(URI.create(site.url() + "/hello")).build(),
              HttpResponse.BodyHandlers.ofString());
          servedInMillis.add((System.nanoTime() - start) / 1_000_000);
          assertThat(response.body()).isEqualTo("Hello!");
          Thread.sleep(1000);
        }
        assertThat(servedInMillis).allSatisfy(millis -> assertThat(millis).isLessThan(2000));
        assertThat(site.connections()).isGreaterThanOrEqualTo(201);
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  @Test
  void answersAHeaderSectionThatNeverEndsWith408AndCloses() throws IOException {
    SiteOptions quick = SiteOptions.DEFAULT.withHeaderTimeout(Duration.ofMillis(300));
    try (LiveSite site = new LiveSite(LiveTree.root(), quick); Socket socket = connect(site)) {
      socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: a\r\n".getBytes(
          StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n")
          .contains("Connection: close\r\n");
    }
  }

  @Test
  void pausesAProducerWhileTheClientDoesNotRead() throws Exception {
    int size = 64 * 1024 * 1024;
    int[] produced = {0};
    Resource root = new Resource();
    root.putChild("huge", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Length", Integer.toString(size));
      request.registerProducer(new PushProducer() {
        private boolean paused;

        @Override
        public void pauseProducing() {
          paused = true;
        }

        @Override
        public void resumeProducing() {
          paused = false;
          while (!paused && produced[0] < size) {
            request.write(Bytes.wrap(new byte[64 * 1024]));
            produced[0] += 64 * 1024;
          }
          if (produced[0] == size && !request.finished()) {
            request.unregisterProducer();
            request.finish();
          }
        }

        @Override
        public void stopProducing() {
          paused = true;
        }
      }, true);
      return Rendered.streaming();
    }));
    try (LiveSite site = new LiveSite(root); Socket socket = connect(site)) {
      socket.getOutputStream().write("GET /huge HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(
          StandardCharsets.US_ASCII));
      Thread.sleep(500);
      assertThat(site.call(() -> produced[0])).isLessThan(size / 2);
      InputStream in = socket.getInputStream();
      long total = 0;
      byte[] buffer = new byte[1 << 16];
      int n;
      while (total < size && (n = in.read(buffer)) > 0) {
        total += n;
      }
      assertThat(total).isGreaterThanOrEqualTo(size);
      assertThat(site.call(() -> produced[0])).isEqualTo(size);
    }
  }
}
