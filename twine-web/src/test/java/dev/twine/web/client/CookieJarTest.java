package dev.twine.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Headers;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6265 storage and retrieval: domains, paths, secure, expiry. */
@TwineTest
class CookieJarTest {
  private static final String DATE = "Sun, 06 Nov 1994 08:49:37 GMT";

  private final Clock clock;
  private final CookieJar jar;

  CookieJarTest(Clock clock) {
    this.clock = clock;
    this.jar = new CookieJar(clock, InstantSource.fixed(Instant.parse("1994-11-06T08:49:37Z")));
  }

  private void set(String uri, String... setCookies) {
    Headers headers = Headers.of("Date", DATE);
    for (String field : setCookies) {
      headers.add("Set-Cookie", field);
    }
    jar.store(uri, headers);
  }

  private String sent(String uri) {
    return jar.cookieHeader(uri).orElse("");
  }

  @Test
  void aCookieWithoutDomainGoesBackToItsHostOnly() {
    set("http://www.example.com/", "id=1");

    assertThat(sent("http://www.example.com/any")).isEqualTo("id=1");
    assertThat(sent("http://sub.www.example.com/")).isEmpty();
    assertThat(sent("http://example.com/")).isEmpty();
    assertThat(jar.cookies()).singleElement().satisfies(cookie -> {
      assertThat(cookie.hostOnly()).isTrue();
      assertThat(cookie.domain()).isEqualTo("www.example.com");
      assertThat(cookie.persistent()).isFalse();
    });
  }

  @Test
  void aDomainCookieGoesToEveryHostOfTheDomain() {
    set("http://www.example.com/", "id=1; Domain=.Example.com");

    assertThat(sent("http://example.com/")).isEqualTo("id=1");
    assertThat(sent("http://a.b.example.com/")).isEqualTo("id=1");
    assertThat(sent("http://notexample.com/")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "http://www.example.com/, other.com",
      "http://www.example.com/, com",
      "http://www.example.com/, sub.www.example.com",
      "http://192.168.0.1/, 0.1"})
  void aDomainTheHostIsNotInIsRefused(String uri, String domain) {
    set(uri, "id=1; Domain=" + domain);

    assertThat(jar.cookies()).isEmpty();
  }

  @Test
  void anIpAddressMaySetACookieForItselfOnly() {
    set("http://192.168.0.1/", "id=1; Domain=192.168.0.1");

    assertThat(sent("http://192.168.0.1/")).isEqualTo("id=1");
  }

  @Test
  void pathsMatchOnSegmentsAndDefaultToTheDirectory() {
    set("http://example.com/shop/cart/view", "default=1", "root=2; Path=/", "docs=3; Path=/docs");

    assertThat(sent("http://example.com/shop/cart")).isEqualTo("default=1; root=2");
    assertThat(sent("http://example.com/shop/cart/x?y=1")).isEqualTo("default=1; root=2");
    assertThat(sent("http://example.com/shop/cartoon")).isEqualTo("root=2");
    assertThat(sent("http://example.com/docs/a")).isEqualTo("docs=3; root=2");
    assertThat(sent("http://example.com/docsx")).isEqualTo("root=2");
  }

  @Test
  void longerPathsComeFirstThenOlderCookies() {
    set("http://example.com/", "b=1; Path=/", "a=2; Path=/", "deep=3; Path=/x/y");

    assertThat(sent("http://example.com/x/y/z")).isEqualTo("deep=3; b=1; a=2");
  }

  @Test
  void secureCookiesTravelOverHttpsOnlyAndOnlyHttpsSetsThem() {
    set("https://example.com/", "s=1; Secure; HttpOnly");
    set("http://example.com/", "t=2; Secure");

    assertThat(sent("https://example.com/")).isEqualTo("s=1");
    assertThat(sent("http://example.com/")).isEmpty();
    assertThat(jar.cookies()).singleElement().satisfies(cookie -> {
      assertThat(cookie.secure()).isTrue();
      assertThat(cookie.httpOnly()).isTrue();
    });
  }

  @Test
  void maxAgeRunsOnTheClock() {
    set("http://example.com/", "short=1; Max-Age=60", "long=2; Max-Age=3600");

    clock.advance(Duration.ofSeconds(59));
    assertThat(sent("http://example.com/")).isEqualTo("short=1; long=2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(sent("http://example.com/")).isEqualTo("long=2");
    assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("long");
  }

  @Test
  void expiresIsTakenRelativeToTheResponsesDate() {
    jar.store("http://example.com/", Headers.of("Date", "Wed, 01 Jan 2020 00:00:00 GMT",
        "Set-Cookie", "id=1; Expires=Wed, 01 Jan 2020 00:10:00 GMT"));

    clock.advance(Duration.ofMinutes(9));
    assertThat(sent("http://example.com/")).isEqualTo("id=1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(sent("http://example.com/")).isEmpty();
  }

  @Test
  void withoutADateExpiresIsTakenAgainstTheWallClock() {
    jar.store("http://example.com/", Headers.of(
        "Set-Cookie", "past=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        "Set-Cookie", "future=2; Expires=Sun, 06-Nov-1994 09:49:37 GMT"));

    assertThat(sent("http://example.com/")).isEqualTo("future=2");
    clock.advance(Duration.ofHours(1));
    assertThat(sent("http://example.com/")).isEmpty();
  }

  @Test
  void maxAgeWinsOverExpires() {
    set("http://example.com/", "id=1; Max-Age=10; Expires=Thu, 01 Jan 1970 00:00:00 GMT");

    assertThat(sent("http://example.com/")).isEqualTo("id=1");
  }

  @Test
  void aCookieInThePastDeletesTheOneItReplaces() {
    set("http://example.com/", "id=1", "other=2");
    set("http://example.com/", "id=; Max-Age=0");

    assertThat(sent("http://example.com/")).isEqualTo("other=2");
  }

  @Test
  void aReplacedCookieKeepsItsPlace() {
    set("http://example.com/", "first=1", "second=2");
    set("http://example.com/", "first=changed");

    assertThat(sent("http://example.com/")).isEqualTo("first=changed; second=2");
  }

  @Test
  void invalidFieldsAndAttributesAreIgnored() {
    set("http://example.com/", "novalue", "=nameless", "spaced = out ; Max-Age=abc; Path=rel",
        "odd=1; Expires=not a date");

    assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("spaced", "odd");
    assertThat(jar.cookies()).allSatisfy(cookie -> {
      assertThat(cookie.path()).isEqualTo("/");
      assertThat(cookie.persistent()).isFalse();
    });
  }

  @Test
  void aDomainKeepsItsNewestFiftyCookies() {
    for (int i = 0; i < 60; i++) {
      set("http://example.com/", "c" + i + "=" + i);
    }

    assertThat(jar.cookies()).hasSize(50);
    assertThat(jar.cookies().get(0).name()).isEqualTo("c10");
  }

  @Test
  void anOversizedCookieIsIgnored() {
    set("http://example.com/", "big=" + "x".repeat(4096));

    assertThat(jar.cookies()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Sun, 06 Nov 1994 08:49:37 GMT | 784111777",
      "Sunday, 06-Nov-94 08:49:37 GMT | 784111777",
      "Sun Nov  6 08:49:37 1994 | 784111777",
      "6 nov 1994 8:49:37 | 784111777",
      "Thu, 01 Jan 1970 00:00:00 GMT | 0"})
  void datesInTheFormatsServersSendAreRead(String text, long seconds) {
    assertThat(CookieDates.parse(text)).contains(seconds);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Feb 30 2020 10:00:00", "Jan 1 1600 00:00:00",
      "Jan 1 2020 24:00:00", "Jan 2020 10:00:00", "garbage"})
  void impossibleDatesAreNotRead(String text) {
    assertThat(CookieDates.parse(text)).isEmpty();
  }
}
