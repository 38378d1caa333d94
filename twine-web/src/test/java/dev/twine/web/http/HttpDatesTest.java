package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
  private static final Instant DATE = Instant.parse("1994-11-06T08:49:37Z");

  @Test
  void writesImfFixdateInWholeSeconds() {
    assertThat(HttpDates.format(DATE.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.format(Instant.parse("2024-05-01T01:02:03Z")))
        .isEqualTo("Wed, 01 May 2024 01:02:03 GMT");
  }

  @Test
  void readsTheThreeFormsRecipientsMustAccept() {
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).hasValue(DATE);
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).hasValue(DATE);
    assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).hasValue(DATE);
    assertThat(HttpDates.parse(" Sun, 06 Nov 1994 08:49:37 GMT ")).hasValue(DATE);
  }

  @Test
  void refusesWhatIsNotAnHttpDate() {
    assertThat(HttpDates.parse("")).isEmpty();
    assertThat(HttpDates.parse("yesterday")).isEmpty();
    assertThat(HttpDates.parse("1994-11-06T08:49:37Z")).isEmpty();
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 PST")).isEmpty();
    assertThat(HttpDates.parse("Mon, 06 Nov 1994 08:49:37 GMT")).as("wrong day of the week")
        .isEmpty();
    assertThat(HttpDates.parse("Sun, 31 Nov 1994 08:49:37 GMT")).isEmpty();
  }
}
