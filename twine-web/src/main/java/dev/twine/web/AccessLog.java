package dev.twine.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RequestLog} that writes each request as a line of the Combined Log Format, as
 * Apache's and nginx's access logs and Twisted's {@code combinedLogFormatter} do:
 *
 * <pre>
 * 127.0.0.1 - - [23/Nov/2026:18:00:00 +0000] "GET / HTTP/1.1" 200 1234 "http://a/" "curl/8.5"
 * </pre>
 *
 * <pre>{@code
 * AccessLog log = AccessLog.toFile(Path.of("access.log"));
 * Site site = new Site(root, reactor).withLog(log);
 * // ... serve; once the reactor has stopped:
 * log.close();
 * }</pre>
 *
 * <p>The fields are the client's IP address, {@code - -} for the unknown identity and user, when
 * the request arrived (UTC), the request line, the status, the bytes of the body sent ({@code -}
 * for none), and the {@code Referer} and {@code User-Agent} headers. A request whose client went
 * away, or whose response the server aborted, is logged like the others, with the status its
 * response had and the bytes sent until then; input that was not a request is logged with the
 * error status it was answered with and {@code "-"} as its request line.
 *
 * <p>Threading: the reactor never waits for the sink. {@link #log} formats the line and puts it
 * in a bounded queue; a thread of the log's own writes the lines as they come and flushes the
 * sink whenever the queue is empty, so a line reaches the sink moments after its request is
 * done. When the queue is full, because the sink is slower than the requests, lines are
 * dropped and counted ({@link #dropped()}), and a warning says how many. {@link #close} writes
 * what is queued and closes the sink; it blocks, so call it when the server stops, off the
 * reactor thread. One log may serve the sites of several reactors.
 */
public final class AccessLog implements RequestLog, AutoCloseable {
  /** How many lines may wait for the sink before lines are dropped. */
  static final int QUEUE_SIZE = 16_384;

  private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());
  /** Tells the writing thread to stop; compared by identity. */
  private static final String END = new String("end of the access log");

  private final Writer sink;
  private final BlockingQueue<String> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread writer;

  AccessLog(Writer sink, int queueSize) {
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.writer = Thread.ofPlatform().name("twine-access-log").daemon().start(this::writeLines);
  }

  /**
   * Returns a log that appends to {@code file} in UTF-8, creating it if it does not exist.
   *
   * @throws UncheckedIOException if the file cannot be opened for appending
   */
  public static AccessLog toFile(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return new AccessLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND), QUEUE_SIZE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a log that writes to {@code sink}, which it flushes after each batch of lines and
   * closes with {@link #close}.
   */
  public static AccessLog toWriter(Writer sink) {
    return new AccessLog(Objects.requireNonNull(sink, "sink"), QUEUE_SIZE);
  }

  /** Queues the line of {@code entry} for the sink, or drops it if the queue is full or closed. */
  @Override
  public void log(Entry entry) {
    if (closed.get() || !queue.offer(CombinedLogFormat.line(entry))) {
      dropped.incrementAndGet();
    }
  }

  /** Returns how many lines were dropped because the queue was full or the log closed. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Writes the lines queued so far, flushes and closes the sink, and stops the log's thread;
   * lines logged later are dropped. Blocks until done; does nothing the second time.
   *
   * @throws UncheckedIOException if the sink fails to close
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(END);
        writer.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      sink.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeLines() {
    long reported = 0;
    boolean failing = false;
    while (true) {
      String line = take();
      while (line != END) {
        failing = write(line, failing);
        line = queue.poll();
        if (line == null) {
          break;
        }
      }
      failing = flush(failing);
      long lost = dropped.get();
      if (lost > reported) {
        LOG.log(System.Logger.Level.WARNING,
            (lost - reported) + " lines of the access log were dropped: the sink is too slow");
        reported = lost;
      }
      if (line == END) {
        return;
      }
    }
  }

  private String take() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Only close() stops this thread, through the queue.
      }
    }
  }

  /** Writes {@code line}; returns whether writing is failing, logging when it starts to. */
  private boolean write(String line, boolean failing) {
    try {
      sink.write(line);
      sink.write('\n');
      return false;
    } catch (IOException e) {
      if (!failing) {
        LOG.log(System.Logger.Level.ERROR, "the access log cannot be written", e);
      }
      return true;
    }
  }

  private boolean flush(boolean failing) {
    try {
      sink.flush();
      return failing;
    } catch (IOException e) {
      if (!failing) {
        LOG.log(System.Logger.Level.ERROR, "the access log cannot be written", e);
      }
      return true;
    }
  }
}
