package dev.twine.defer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the {@code dev.twine.defer} package logs. Its {@link System.Logger} is named
 * {@code dev.twine.defer.Deferred}; with no other backend installed, the JDK routes it to the
 * {@code java.util.logging} logger of that name, where this handler listens (on any thread, since
 * the garbage collector's cleaner logs on its own).
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger(Deferred.class.getName());
  private final boolean usedParentHandlers = logger.getUseParentHandlers();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture() {
    setLevel(Level.ALL);
    logger.addHandler(this);
    logger.setUseParentHandlers(false);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
    synchronized (this) {
      notifyAll();
    }
  }

  /** Returns the records captured so far. */
  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * Runs the garbage collector until a record whose message matches {@code wanted} arrives, for
   * at most {@code limit} of real time (collection cannot be driven by a test clock); returns it,
   * or null if none came. It wakes up as soon as any record is published.
   */
  LogRecord awaitAfterGc(Predicate<String> wanted, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (LogRecord record : records) {
        if (wanted.test(record.getMessage())) {
          return record;
        }
      }
      System.gc();
      synchronized (this) {
        wait(50);
      }
    }
    return null;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
