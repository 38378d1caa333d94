package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Date header: formatted from the calendar, refreshed by the reactor's time. */
@TwineTest
class DateHeaderTest {
  private Instant now = Instant.parse("1994-11-06T08:49:37.250Z");

  private List<String> dates(Wire wire, int count) {
    for (int i = 0; i < count; i++) {
      wire.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    }
    return wire.responses().stream().map(r -> r.header("Date").orElseThrow()).toList();
  }

  @Test
  void readsTheCalendarAtMostOncePerSecondOfReactorTime(Clock clock) {
    Resource root = new Resource();
    root.putChild("", new Resource().on(HttpMethod.GET, request -> Rendered.body("")));
    Site site = new Site(root, clock, () -> now, SiteOptions.DEFAULT);
    Wire wire = new Wire(site, clock, new StringTransport());
    assertThat(dates(wire, 1)).containsExactly("Sun, 06 Nov 1994 08:49:37 GMT");

    now = now.plusSeconds(5);
    wire.advance(0.5);
    assertThat(dates(wire, 2)).last().isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");

    wire.advance(0.25);
    assertThat(dates(wire, 3)).last().isEqualTo("Sun, 06 Nov 1994 08:49:42 GMT");
    wire.close();
  }
}
