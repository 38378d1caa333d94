package dev.twine.web.client;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses dates the way RFC 6265 section 5.1.1 asks of cookies' {@code Expires}: tolerant of the
 * many formats servers send, and also used for the {@code Date} field.
 */
final class CookieDates {
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private CookieDates() {}

  /** Returns the time {@code text} names, in seconds since the epoch, if it names one. */
  static Optional<Long> parse(String text) {
    int hour = -1;
    int minute = -1;
    int second = -1;
    int day = -1;
    int month = -1;
    int year = -1;
    for (String token : text.split("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+")) {
      if (token.isEmpty()) {
        continue;
      }
      int[] time = time(token);
      if (hour < 0 && time != null) {
        hour = time[0];
        minute = time[1];
        second = time[2];
      } else if (day < 0 && digits(token, 1, 2) >= 0) {
        day = digits(token, 1, 2);
      } else if (month < 0 && month(token) >= 0) {
        month = month(token);
      } else if (year < 0 && digits(token, 2, 4) >= 0) {
        year = digits(token, 2, 4);
      }
    }
    if (year >= 70 && year <= 99) {
      year += 1900;
    } else if (year >= 0 && year <= 69) {
      year += 2000;
    }
    if (hour < 0 || day < 1 || day > 31 || month < 0 || year < 1601 || hour > 23 || minute > 59
        || second > 59) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.of(year, month + 1, day, hour, minute, second)
          .toEpochSecond(ZoneOffset.UTC));
    } catch (DateTimeException invalidDay) {
      return Optional.empty();
    }
  }

  /** Returns the value of 1 to 2 (or 2 to 4) leading digits, if no digit follows them; else -1. */
  private static int digits(String token, int min, int max) {
    int n = 0;
    while (n < token.length() && n <= max && Character.isDigit(token.charAt(n))
        && token.charAt(n) < 128) {
      n++;
    }
    if (n < min || n > max) {
      return -1;
    }
    return Integer.parseInt(token.substring(0, n));
  }

  /** Returns hour, minute and second of {@code h[h]:m[m]:s[s]} followed by anything; or null. */
  private static int @Nullable [] time(String token) {
    String[] parts = token.split(":", 3);
    if (parts.length != 3) {
      return null;
    }
    int h = digits(parts[0], 1, 2);
    int m = digits(parts[1], 1, 2);
    int s = digits(parts[2], 1, 2);
    return h < 0 || m < 0 || s < 0 || parts[0].length() > 2 || parts[1].length() > 2
        ? null : new int[] {h, m, s};
  }

  /** Returns 0 to 11 for a token starting with a month's first three letters; else -1. */
  private static int month(String token) {
    if (token.length() < 3) {
      return -1;
    }
    int at = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT));
    return at % 3 == 0 ? at / 3 : -1;
  }
}
