package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Form-urlencoded text, as query strings and simple form bodies hold it. */
class UrlEncodedTest {
  @Test
  void keepsInvalidEscapesAndReplacesBytesThatAreNotUtf8() {
    assertThat(UrlEncoded.parse("e=%zz&f=100%&g=%FF&%41=b")).containsExactly(
        Map.entry("e", List.of("%zz")), Map.entry("f", List.of("100%")),
        Map.entry("g", List.of("\uFFFD")), Map.entry("A", List.of("b")));
  }

  @Test
  void splitsOnlyOnTheFirstEqualsSign() {
    assertThat(UrlEncoded.parse("q=a=b&=empty")).containsExactly(
        Map.entry("q", List.of("a=b")), Map.entry("", List.of("empty")));
  }
}
