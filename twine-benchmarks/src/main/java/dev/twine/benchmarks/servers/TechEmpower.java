package dev.twine.benchmarks.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What TechEmpower's plaintext and JSON rules ask of every peer: the message, its JSON serialized
 * with Jackson from a new object for each request, and a {@code Date} header value that may be
 * computed once per second.
 *
 * <p>Threading: thread-safe; the date is shared by every event loop.
 */
final class TechEmpower {
  /** The message of both tests. */
  static final String MESSAGE = "Hello, World!";

  /** The body of {@code /plaintext}. */
  static final byte[] PLAINTEXT = MESSAGE.getBytes(StandardCharsets.US_ASCII);

  private static final ObjectWriter JSON = new ObjectMapper().writerFor(Message.class);
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private static volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

  private TechEmpower() {}

  /** The object the JSON test serializes, one per request. */
  record Message(String message) {}

  /** Returns {@code {"message":"Hello, World!"}}, serialized now from a new {@link Message}. */
  static byte[] json() {
    try {
      return JSON.writeValueAsBytes(new Message(MESSAGE));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Jackson cannot serialize " + Message.class, e);
    }
  }

  /** Returns the current time as an HTTP date, such as {@code Mon, 23 Nov 2026 18:00:00 GMT}. */
  static String date() {
    long second = System.currentTimeMillis() / 1000;
    Stamp current = stamp;
    if (current.second != second) {
      current = new Stamp(second, HTTP_DATE.format(Instant.ofEpochSecond(second)));
      stamp = current;
    }
    return current.value;
  }

  /** An HTTP date and the second it stands for. */
  private record Stamp(long second, String value) {}
}
