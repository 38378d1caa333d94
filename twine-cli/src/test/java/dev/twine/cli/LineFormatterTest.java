package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {
  private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}";

  private final LineFormatter formatter = new LineFormatter();

  private static LogRecord record(Level level, String logger, String message, Object... parameters) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger);
    record.setInstant(Instant.parse("2025-06-01T12:00:00.123Z"));
    record.setParameters(parameters);
    return record;
  }

  @Test
  void writesTimeLevelShortLoggerNameAndMessageOnOneLine() {
    String line = formatter.format(
        record(Level.INFO, "dev.twine.internet.nio.NioReactor", "{0} held the reactor for {1} ms", "a call", 120));

    assertThat(line).matches(TIME + " INFO  NioReactor: a call held the reactor for 120 ms" + System.lineSeparator());
  }

  @Test
  void namesLevelsAsSystemLoggerDoes() {
    assertThat(formatter.format(record(Level.SEVERE, "twine", "x"))).contains(" ERROR twine: x");
    assertThat(formatter.format(record(Level.WARNING, "twine", "x"))).contains(" WARN  twine: x");
    assertThat(formatter.format(record(Level.FINE, "twine", "x"))).contains(" DEBUG twine: x");
    assertThat(formatter.format(record(Level.FINEST, "twine", "x"))).contains(" TRACE twine: x");
  }

  @Test
  void anErrorCarriesItsStackTrace() {
    LogRecord record = record(Level.SEVERE, "twine", "starting failed");
    record.setThrown(new IllegalStateException("boom", new IOException("disk")));

    String text = formatter.format(record);

    assertThat(text.lines().findFirst()).hasValueSatisfying(
        first -> assertThat(first).endsWith("ERROR twine: starting failed"));
    assertThat(text).contains("java.lang.IllegalStateException: boom", "\tat ", "Caused by: java.io.IOException: disk");
  }

  @Test
  void aWarningNamesItsExceptionOnTheSameLineWithoutAStackTrace() {
    LogRecord record = record(Level.WARNING, "dev.twine.internet.nio.NioReactor", "closing the selector failed");
    record.setThrown(new IOException("bad file descriptor"));

    assertThat(formatter.format(record)).matches(
        TIME + " WARN  NioReactor: closing the selector failed: java.io.IOException: bad file descriptor"
            + System.lineSeparator());
  }
}
