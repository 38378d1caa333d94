package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cookies to set: their header value and what they refuse. */
class CookieTest {
  @Test
  void writesOnlyTheAttributesThatAreSet() {
    assertThat(Cookie.of("a", "1").headerValue()).isEqualTo("a=1");
    Cookie full = Cookie.of("sid", "x-9_Z").withPath("/app").withDomain("example.com")
        .withMaxAge(Duration.ofMinutes(2)).withSecure(true).withHttpOnly(true)
        .withSameSite(Cookie.SameSite.NONE);
    assertThat(full.headerValue()).isEqualTo(
        "sid=x-9_Z; Path=/app; Domain=example.com; Max-Age=120; Secure; HttpOnly; SameSite=None");
    assertThat(full.path()).contains("/app");
    assertThat(full.maxAge()).contains(Duration.ofMinutes(2));
    assertThat(full.withSecure(false).secure()).isFalse();
    assertThat(full).isEqualTo(Cookie.of("sid", "x-9_Z").withPath("/app")
        .withDomain("example.com").withMaxAge(Duration.ofSeconds(120)).withSecure(true)
        .withHttpOnly(true).withSameSite(Cookie.SameSite.NONE));
  }

  @Test
  void deletesWithMaxAgeZero() {
    assertThat(Cookie.of("a", "").withMaxAge(Duration.ZERO).headerValue()).isEqualTo("a=; Max-Age=0");
  }

  @Test
  void refusesWhatCouldAddAttributesOrSplitTheHeader() {
    assertThatThrownBy(() -> Cookie.of("a", "1; Secure"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+003B at index 1");
    assertThatThrownBy(() -> Cookie.of("a=b", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cookie.of("", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cookie.of("a", "x\r\ny")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cookie.of("a", "1").withPath("/;Domain=evil"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cookie.of("a", "1").withMaxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
