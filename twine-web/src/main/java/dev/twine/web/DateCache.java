package dev.twine.web;

import dev.twine.internet.ReactorTime;
import dev.twine.web.http.HttpDates;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The value of the {@code Date} header (RFC 9110 section 6.6.1, IMF-fixdate), formatted at most
 * once per second: the reactor's time says when a second has passed, the calendar clock says
 * what date it is then.
 */
final class DateCache {
  private final ReactorTime time;
  private final InstantSource calendar;
  private double refreshAt = Double.NEGATIVE_INFINITY;
  private String value = "";

  DateCache(ReactorTime time, InstantSource calendar) {
    this.time = time;
    this.calendar = calendar;
  }

  /** Returns the current date, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  String value() {
    double now = time.seconds();
    if (now >= refreshAt) {
      Instant instant = calendar.instant();
      value = HttpDates.format(instant);
      refreshAt = now + (1_000_000_000 - instant.getNano()) / 1e9;
    }
    return value;
  }
}
