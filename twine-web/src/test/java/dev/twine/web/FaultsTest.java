package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.twine.bytes.Bytes;
import dev.twine.internet.PushProducer;
import dev.twine.web.GracefulShutdownTest.Reply;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that misbehave at the socket level, over loopback: one resets mid-response, one
 * half-closes, one stops reading while megabytes wait. The server frees each connection, logs
 * little, and goes on serving others.
 */
class FaultsTest {
  /** How much {@code /flood} writes if nothing stops it. */
  private static final long FLOOD = 256L << 20;
  private static final Bytes CHUNK = Bytes.wrap(new byte[64 * 1024]);

  private final Flood flood = new Flood();
  private final List<String> logged = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.INFO.intValue()
          && !record.getMessage().contains("held the reactor")) {
        synchronized (logged) {
          logged.add(record.getLoggerName() + ": " + record.getMessage());
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger twine = Logger.getLogger("dev.twine");

  @BeforeEach
  void listen() {
    twine.addHandler(handler);
  }

  @AfterEach
  void quiet() {
    twine.removeHandler(handler);
  }

  private DrainingSite site() {
    return new DrainingSite(Duration.ofSeconds(1),
        reactor -> new Resource().putChild("flood", flood));
  }

  @Test
  void aPeerThatResetsMidResponseIsFreedWithAtMostOneLogLine() throws Exception {
    try (DrainingSite site = site()) {
      Socket socket = site.connect();
      GracefulShutdownTest.send(socket, "GET /flood HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(socket.getInputStream().readNBytes(100_000)).hasSize(100_000);
      socket.setSoLinger(true, 0);
      socket.close();

      awaitTrue(() -> flood.finished.isDone(), "the response was not given up");
      awaitTrue(() -> site.openConnections() == 0, "the connection was not freed");
      assertThat(flood.finished.join()).isEqualTo("failed");
      assertServesAnother(site);
      synchronized (logged) {
        assertThat(logged).hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void aPeerThatHalfClosesGetsItsResponseThenTheConnectionCloses() throws Exception {
    try (DrainingSite site = site(); Socket socket = site.connect()) {
      GracefulShutdownTest.send(socket, "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
      socket.shutdownOutput();

      InputStream in = socket.getInputStream();
      assertThat(Reply.read(in).body()).isEqualTo("fast");
      assertThat(in.read()).isEqualTo(-1);
      awaitTrue(() -> site.openConnections() == 0, "the connection was not freed");
    }
  }

  @Test
  void aPeerThatStopsReadingPausesTheProducerUntilTheIdleTimeoutFreesIt() throws Exception {
    try (DrainingSite site = site(); Socket socket = site.connect()) {
      GracefulShutdownTest.send(socket, "GET /flood HTTP/1.1\r\nHost: a\r\n\r\n");
      awaitTrue(() -> flood.pauses.get() > 0, "the producer was never paused");
      long written = awaitSteady(flood.written);
      assertThat(flood.paused).isTrue();
      assertThat(written)
          .as("bytes written while the peer reads nothing: kernel buffers and one high-water mark")
          .isLessThan(32L << 20);

      site.advance(SiteOptions.DEFAULT.idleTimeout().minusSeconds(1));
      assertThat(flood.finished).isNotDone();
      site.advance(Duration.ofSeconds(1));

      awaitTrue(() -> flood.finished.isDone(), "the stalled response was not given up");
      assertThat(flood.finished.join()).isEqualTo("failed");
      awaitTrue(() -> site.openConnections() == 0, "the connection was not freed");
      Throwable ended = catchThrowable(() -> {
        while (socket.getInputStream().read(new byte[65536]) >= 0) {
          // what the kernel held is still delivered; then the connection ends
        }
      });
      assertThat(ended).satisfiesAnyOf(
          thrown -> assertThat(thrown).isNull(),
          thrown -> assertThat(thrown).isInstanceOf(IOException.class));
      assertServesAnother(site);
    }
  }

  private static void assertServesAnother(DrainingSite site) throws IOException {
    try (Socket other = site.connect()) {
      GracefulShutdownTest.send(other, "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(Reply.read(other.getInputStream()).body()).isEqualTo("fast");
    }
  }

  /** Waits until {@code count} stays the same for 300 ms, and returns it. */
  private static long awaitSteady(AtomicLong count) throws InterruptedException {
    long end = System.nanoTime() + DrainingSite.PATIENCE.toNanos();
    long last = -1;
    while (System.nanoTime() < end) {
      long now = count.get();
      if (now == last) {
        return now;
      }
      last = now;
      Thread.sleep(300);
    }
    throw new AssertionError("still growing after " + DrainingSite.PATIENCE + ": " + last);
  }

  private static void awaitTrue(BooleanSupplier condition, String otherwise)
      throws InterruptedException {
    long end = System.nanoTime() + DrainingSite.PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(otherwise + " within " + DrainingSite.PATIENCE);
      }
      Thread.sleep(10);
    }
  }

  /**
   * Streams up to {@link #FLOOD} bytes with a push producer, counting its pauses, and tells in
   * {@link #finished} whether the response completed or was given up.
   */
  static final class Flood extends Resource {
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicLong written = new AtomicLong();
    final CompletableFuture<String> finished = new CompletableFuture<>();
    volatile boolean paused;

    Flood() {
      on(HttpMethod.GET, request -> {
        request.notifyFinish().transform(outcome -> {
          finished.complete(outcome.succeeded() ? "completed" : "failed");
          return null;
        });
        request.registerProducer(new PushProducer() {
          @Override
          public void pauseProducing() {
            paused = true;
            pauses.incrementAndGet();
          }

          @Override
          public void resumeProducing() {
            paused = false;
            while (!paused && written.get() < FLOOD && !request.finished()) {
              request.write(CHUNK);
              written.addAndGet(CHUNK.size());
            }
          }

          @Override
          public void stopProducing() {
            paused = true;
          }
        }, true);
        return Rendered.streaming();
      });
    }
  }
}
