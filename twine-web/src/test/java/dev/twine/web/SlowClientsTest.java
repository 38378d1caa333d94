package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.internet.PushProducer;
import dev.twine.web.GracefulShutdownTest.Reply;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Five hundred slow clients at once, over loopback: ones that send their header section a byte
 * at a time (slowloris), and ones that read their responses a little at a time. A normal client
 * is still answered promptly, the site's timeouts (on a test clock) free every slow connection,
 * and no descriptor is left behind.
 */
@Timeout(60)
class SlowClientsTest {
  private static final int CLIENTS = 500;
  private static final Duration PROMPT = Duration.ofSeconds(2);
  /** How long any slow client goes on before it gives up by itself. */
  private static final Duration CAP = Duration.ofSeconds(25);
  private static final Bytes CHUNK = Bytes.wrap(new byte[16 * 1024]);

  @Test
  void slowlorisClientsAreCutOffByTheHeaderTimeout() throws Exception {
    assumeDescriptors();
    long started = System.nanoTime();
    try (DrainingSite site = site(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      AtomicInteger cutOff = new AtomicInteger();
      CountDownLatch connected = new CountDownLatch(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        threads.submit(() -> {
          trickle(site, connected, cutOff);
          return null;
        });
      }
      assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
      awaitConnections(site, CLIENTS);
      assertAnsweredPromptly(site);

      threads.shutdown();
      long end = System.nanoTime() + CAP.toNanos();
      while (!threads.awaitTermination(50, TimeUnit.MILLISECONDS) && System.nanoTime() < end) {
        // The clock runs at 20 times real time: each header section is late within a second.
        site.advance(Duration.ofSeconds(1));
      }
      assertThat(threads.isTerminated()).isTrue();
      assertThat(cutOff.get()).isEqualTo(CLIENTS);
      awaitNoConnections(site);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void slowReadersAreFreedByTheIdleTimeout() throws Exception {
    assumeDescriptors();
    long started = System.nanoTime();
    try (DrainingSite site = site(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      AtomicInteger ended = new AtomicInteger();
      AtomicBoolean hurry = new AtomicBoolean();
      List<Future<?>> clients = new ArrayList<>();
      CountDownLatch reading = new CountDownLatch(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(threads.submit(() -> {
          readSlowly(site, reading, ended, hurry);
          return null;
        }));
      }
      assertThat(reading.await(20, TimeUnit.SECONDS)).as("every client got its first bytes").isTrue();
      assertThat(site.openConnections()).isEqualTo(CLIENTS);
      assertAnsweredPromptly(site);

      site.advance(SiteOptions.DEFAULT.idleTimeout());
      site.advance(SiteOptions.DEFAULT.idleTimeout());

      awaitNoConnections(site);
      hurry.set(true);
      threads.shutdown();
      assertThat(threads.awaitTermination(CAP.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
      for (Future<?> client : clients) {
        client.get();
      }
      assertThat(ended.get()).as("clients that saw their connection end").isEqualTo(CLIENTS);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  private static DrainingSite site() {
    return new DrainingSite(Duration.ofSeconds(1), reactor -> new Resource()
        .putChild("big", new Resource().on(HttpMethod.GET, SlowClientsTest::stream)));
  }

  /** Streams 1 MiB, as fast as the client lets it, with a push producer. */
  private static Rendered stream(Request request) {
    long[] left = {1L << 20};
    boolean[] paused = {false};
    request.registerProducer(new PushProducer() {
      @Override
      public void pauseProducing() {
        paused[0] = true;
      }

      @Override
      public void resumeProducing() {
        paused[0] = false;
        while (!paused[0] && left[0] > 0 && !request.finished()) {
          request.write(CHUNK);
          left[0] -= CHUNK.size();
        }
        if (left[0] <= 0 && !request.finished()) {
          request.unregisterProducer();
          request.finish();
        }
      }

      @Override
      public void stopProducing() {
        paused[0] = true;
      }
    }, true);
    return Rendered.streaming();
  }

  /**
   * Sends a header section a byte every 100 ms until the server answers (408) or closes (a
   * connection whose first bytes it had not read yet is idle).
   */
  private static void trickle(DrainingSite site, CountDownLatch connected, AtomicInteger cutOff)
      throws IOException {
    try (Socket socket = site.connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /fast HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      connected.countDown();
      InputStream in = socket.getInputStream();
      socket.setSoTimeout(100);
      long end = System.nanoTime() + CAP.toNanos();
      while (System.nanoTime() < end) {
        try {
          int b = in.read();
          if (b < 0 || b == 'H') {
            cutOff.incrementAndGet();
            return;
          }
          throw new AssertionError("unexpected byte from the server: " + b);
        } catch (SocketTimeoutException silent) {
          // nothing yet: send one more byte
        } catch (IOException reset) {
          cutOff.incrementAndGet();
          return;
        }
        try {
          out.write('x');
          out.flush();
        } catch (IOException closed) {
          cutOff.incrementAndGet();
          return;
        }
      }
    }
  }

  /**
   * Asks for {@code /big} and reads 1 KiB every 100 ms, or at once when told to {@code hurry},
   * until the connection ends.
   */
  private static void readSlowly(DrainingSite site, CountDownLatch reading, AtomicInteger ended,
      AtomicBoolean hurry) throws IOException, InterruptedException {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", site.port()), 5000);
      socket.setSoTimeout((int) DrainingSite.PATIENCE.toMillis());
      socket.getOutputStream().write(
          "GET /big HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      boolean first = true;
      long end = System.nanoTime() + CAP.toNanos();
      while (System.nanoTime() < end) {
        int n;
        try {
          n = in.read(buffer, 0, hurry.get() ? buffer.length : 1024);
        } catch (IOException reset) {
          n = -1;
        }
        if (first) {
          reading.countDown();
          first = false;
        }
        if (n < 0) {
          ended.incrementAndGet();
          return;
        }
        if (!hurry.get()) {
          Thread.sleep(100);
        }
      }
    }
  }

  /** Asks for {@code /fast} on new connections and checks that each answer is prompt. */
  private static void assertAnsweredPromptly(DrainingSite site) throws IOException {
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      try (Socket socket = site.connect()) {
        GracefulShutdownTest.send(socket, "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(Reply.read(socket.getInputStream()).body()).isEqualTo("fast");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }
  }

  private static void awaitNoConnections(DrainingSite site) throws InterruptedException {
    awaitConnections(site, 0);
  }

  /** Waits, a bounded time, until the site has {@code count} connections open. */
  private static void awaitConnections(DrainingSite site, int count) throws InterruptedException {
    long end = System.nanoTime() + DrainingSite.PATIENCE.toNanos();
    while (site.openConnections() != count) {
      if (System.nanoTime() > end) {
        throw new AssertionError(site.openConnections() + " connections are open, not " + count);
      }
      Thread.sleep(20);
    }
  }

  /** Skips the test when this JVM may not open a socket pair per client and some to spare. */
  private static void assumeDescriptors() throws IOException {
    Path limits = Path.of("/proc/self/limits");
    assumeTrue(Files.isReadable(limits), "needs /proc to read the descriptor limit");
    long open;
    try (var entries = Files.list(Path.of("/proc/self/fd"))) {
      open = entries.count();
    }
    long limit = Files.readAllLines(limits).stream()
        .filter(line -> line.startsWith("Max open files"))
        .map(line -> line.substring(26).strip().split("\\s+")[0])
        .mapToLong(value -> value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value))
        .findFirst().orElse(0);
    long needed = open + 2L * CLIENTS + 100;
    assumeTrue(limit >= needed, "needs " + needed + " file descriptors; the limit is " + limit);
  }
}
