package dev.twine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The one-line log format of {@code twine}: local time, level, the logger's short name and the
 * message, such as {@code 2025-06-01 12:00:00.123 INFO  twine: listening on TCP:0.0.0.0:8000}.
 * An exception's stack trace follows an error; for lower levels only the exception itself is
 * named, on the same line.
 *
 * <p>{@code System.Logger} writes through {@code java.util.logging} unless another backend is
 * installed, so this is the format of everything Twine logs under {@code twine}.
 */
final class LineFormatter extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  /**
   * Sends the root logger's records to stderr in this format, at level INFO and above, unless
   * the user configured {@code java.util.logging} with a file or class of their own.
   */
  static void install() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    LogManager.getLogManager().reset();
    Handler stderr = new ConsoleHandler();
    stderr.setFormatter(new LineFormatter());
    stderr.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(stderr);
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128)
        .append(TIME.format(record.getInstant())).append(' ')
        .append(String.format("%-5s", levelName(record.getLevel()))).append(' ')
        .append(shortName(record.getLoggerName())).append(": ")
        .append(formatMessage(record));
    Throwable thrown = record.getThrown();
    if (thrown != null && record.getLevel().intValue() >= Level.SEVERE.intValue()) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
    } else if (thrown != null) {
      line.append(": ").append(thrown);
    }
    return line.append(System.lineSeparator()).toString();
  }

  /** Names the level as {@code System.Logger} does, which is what Twine logs with. */
  private static String levelName(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    } else if (value >= Level.WARNING.intValue()) {
      return "WARN";
    } else if (value >= Level.INFO.intValue()) {
      return "INFO";
    } else if (value >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }

  private static String shortName(@Nullable String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "root";
    }
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }
}
