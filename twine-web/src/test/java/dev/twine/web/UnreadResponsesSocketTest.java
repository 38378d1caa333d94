package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.web.http.Content;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over a real socket, a client pipelines 50,000 requests for 1 KiB bodies and reads nothing for
 * a while: the server stops starting requests far short of them all, answers another client
 * meanwhile, and once the first client reads, it gets every response, in order.
 */
@Timeout(20)
class UnreadResponsesSocketTest {
  private static final int COUNT = 50_000;

  @Test
  void boundsWhatAClientThatDoesNotReadCanMakeTheServerHold() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Resource root = new Resource();
    root.putChild("item", new Resource().on(HttpMethod.GET, request -> {
      started.incrementAndGet();
      return Rendered.body(UnreadResponsesTest.body(
          Integer.parseInt(request.arg("n").orElseThrow())));
    }));
    SiteOptions options = SiteOptions.DEFAULT.withMaxRequestsPerConnection(2 * COUNT)
        .withIdleTimeout(Duration.ofMinutes(1));
    try (LiveSite site = new LiveSite(root, options); Socket flood = new Socket()) {
      flood.setReceiveBufferSize(16 * 1024);
      flood.connect(new InetSocketAddress("127.0.0.1", site.port()), 5000);
      flood.setSoTimeout((int) LiveSite.PATIENCE.toMillis());
      byte[] requests = UnreadResponsesTest.requests(0, COUNT).getBytes(StandardCharsets.US_ASCII);
      OutputStream out = flood.getOutputStream();
      CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
        try {
          out.write(requests);
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, runnable -> Thread.ofVirtual().start(runnable));

      int plateau = awaitPlateau(started);
      assertThat(plateau).as("requests started while the client read nothing")
          .isGreaterThan(0).isLessThan(COUNT / 4);
      assertThat(otherClientGets(site, 7)).contains(UnreadResponsesTest.body(7));

      assertThat(readAll(flood.getInputStream())).isEqualTo(COUNT);
      LiveSite.await(sent);
      assertThat(started.get()).isEqualTo(COUNT + 1);
    }
  }

  /** Waits until {@code started} has not moved for half a second, and returns it. */
  private static int awaitPlateau(AtomicInteger started) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    int last = -1;
    int still = 0;
    while (still < 10 && System.nanoTime() < end) {
      Thread.sleep(50);
      int now = started.get();
      still = now == last && now > 0 ? still + 1 : 0;
      last = now;
    }
    assertThat(still).as("the count of requests started settled").isEqualTo(10);
    return last;
  }

  /** Asks for item {@code n} on a connection of its own and returns the whole answer. */
  private static String otherClientGets(LiveSite site, int n) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", site.port()), 5000);
      socket.setSoTimeout((int) LiveSite.PATIENCE.toMillis());
      socket.getOutputStream().write(("GET /item?n=" + n + " HTTP/1.1\r\nHost: a\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /**
   * Reads the responses to the {@link #COUNT} requests, checking that each carries the body of
   * its own item, and returns how many arrived.
   */
  private static int readAll(InputStream in) throws Exception {
    ResponseParser parser = new ResponseParser();
    for (int i = 0; i < COUNT; i++) {
      parser.requestSent(HttpMethod.GET);
    }
    Buffer body = new Buffer();
    byte[] chunk = new byte[64 * 1024];
    int received = 0;
    while (received < COUNT) {
      int count = in.read(chunk);
      if (count < 0) {
        break;
      }
      parser.feed(Bytes.wrap(Arrays.copyOf(chunk, count)));
      for (Optional<ResponseEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
        if (e.get() instanceof Content content) {
          body.write(content.data());
        } else if (e.get() instanceof MessageEnd) {
          assertThat(body.readAll().utf8()).isEqualTo(UnreadResponsesTest.body(received));
          received++;
        }
      }
    }
    return received;
  }
}
