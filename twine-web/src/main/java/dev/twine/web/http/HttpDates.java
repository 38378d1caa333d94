package dev.twine.web.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 section 5.6.7): {@code Date}, {@code Last-Modified}, {@code
 * If-Modified-Since} and the like. They are written as IMF-fixdate, {@code Sun, 06 Nov 1994
 * 08:49:37 GMT}, and read in that form and in the two obsolete ones recipients must still accept:
 * RFC 850's {@code Sunday, 06-Nov-94 08:49:37 GMT} (two-digit years are taken from 1970 to
 * 2069) and asctime's {@code Sun Nov  6 08:49:37 1994}.
 *
 * <pre>{@code
 * String lastModified = HttpDates.format(Files.getLastModifiedTime(path).toInstant());
 * Optional<Instant> since = request.header("If-Modified-Since").flatMap(HttpDates::parse);
 * }</pre>
 *
 * <p>HTTP dates count whole seconds: formatting drops the fraction of a second.
 */
public final class HttpDates {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
      .appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
      .appendPattern(" HH:mm:ss 'GMT'")
      .toFormatter(Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final List<DateTimeFormatter> READ = List.of(IMF_FIXDATE, RFC_850, ASCTIME);

  private HttpDates() {}

  /** Returns {@code instant} as an IMF-fixdate, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /**
   * Returns the instant {@code value} names in any of the three forms, or empty if it is none of
   * them (an invalid date in a request header is ignored, as RFC 9110 says).
   */
  public static Optional<Instant> parse(String value) {
    String date = value.strip();
    for (DateTimeFormatter form : READ) {
      try {
        return Optional.of(Instant.from(form.parse(date)));
      } catch (DateTimeException e) {
        // not this form: try the next
      }
    }
    return Optional.empty();
  }
}
