package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {

  @Test
  void findsFieldsWithoutRegardToCase() {
    Headers headers = Headers.of("Content-Type", "text/html", "X-A", "1");

    assertThat(headers.first("content-type")).contains("text/html");
    assertThat(headers.first("CONTENT-TYPE")).contains("text/html");
    assertThat(headers.contains("x-a")).isTrue();
    assertThat(headers.first("X-B")).isEmpty();
    assertThat(headers.all("X-B")).isEmpty();
  }

  @Test
  void foldsOnlyAsciiLetters() {
    Headers headers = Headers.of("Keep-Alive", "5");

    assertThat(headers.contains("\u212aeep-Alive")).isFalse();
  }

  @Test
  void keepsEveryValueInOrderWithTheNamesAsAdded() {
    Headers headers = new Headers()
        .add("Set-Cookie", "a=1")
        .add("Vary", "Accept")
        .add("set-cookie", "b=2");

    assertThat(headers.all("SET-COOKIE")).containsExactly("a=1", "b=2");
    assertThat(headers.count("Set-Cookie")).isEqualTo(2);
    assertThat(headers.size()).isEqualTo(3);
    assertThat(List.of(headers.name(0), headers.name(1), headers.name(2)))
        .containsExactly("Set-Cookie", "Vary", "set-cookie");
    assertThat(headers.value(2)).isEqualTo("b=2");
    assertThat(headers).hasToString("{Set-Cookie: a=1, Vary: Accept, set-cookie: b=2}");
  }

  @Test
  void setReplacesEveryValueWhereTheFirstWas() {
    Headers headers = Headers.of("A", "1", "B", "2", "a", "3", "C", "4");

    headers.set("A", "9");

    assertThat(headers).isEqualTo(Headers.of("A", "9", "B", "2", "C", "4"));
    assertThat(headers.set("D", "5").all("D")).containsExactly("5");
  }

  @Test
  void removeDropsEveryFieldOfTheNameAndCountsThem() {
    Headers headers = Headers.of("A", "1", "B", "2", "a", "3");

    assertThat(headers.remove("a")).isEqualTo(2);
    assertThat(headers.remove("a")).isZero();
    assertThat(headers).isEqualTo(Headers.of("B", "2"));
    assertThat(headers.isEmpty()).isFalse();
  }

  @Test
  void findsTokensInListValues() {
    Headers headers = Headers.of("Connection", "keep-alive, Upgrade", "Connection", ",  close");

    assertThat(headers.containsToken("connection", "upgrade")).isTrue();
    assertThat(headers.containsToken("Connection", "CLOSE")).isTrue();
    assertThat(headers.containsToken("Connection", "keep")).isFalse();
    assertThat(headers.containsToken("Upgrade", "close")).isFalse();
  }

  @Test
  void equalsComparesNamesWithoutCaseAndOrderExactly() {
    assertThat(Headers.of("A", "1", "b", "2"))
        .isEqualTo(Headers.of("a", "1", "B", "2"))
        .hasSameHashCodeAs(Headers.of("a", "1", "B", "2"))
        .isNotEqualTo(Headers.of("b", "2", "a", "1"))
        .isNotEqualTo(Headers.of("a", "X", "b", "2"));
  }

  @Test
  void copiesAreIndependent() {
    Headers original = Headers.of("A", "1");
    Headers copy = original.copy();

    copy.add("B", "2");
    original.set("A", "3");

    assertThat(original).isEqualTo(Headers.of("A", "3"));
    assertThat(copy).isEqualTo(Headers.of("A", "1", "B", "2"));
  }

  @Test
  void acceptsObsTextAndInnerWhitespace() {
    Headers headers = Headers.of("X", "caf\u00e9 \t au lait", "Y", "");

    assertThat(headers.first("x")).contains("caf\u00e9 \t au lait");
    assertThat(headers.first("y")).contains("");
  }

  @Test
  void refusesNamesThatAreNotTokens() {
    for (String name : List.of("", "X Y", "X:", "X\r\n", "Caf\u00e9", "(x)")) {
      assertThatThrownBy(() -> new Headers().add(name, "v"))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new Headers().add("Bad Name", "v"))
        .hasMessage("header name \"Bad Name\" has a character that is not allowed in a token:"
            + " U+0020 at index 3");
  }

  @Test
  void refusesValuesThatCouldSplitAMessage() {
    for (String value : List.of("a\r\nSet-Cookie: x", "a\nb", "a\rb", "a\u0000", "a\u007f",
        "a\u0001", "\u20ac", " a", "a\t")) {
      assertThatThrownBy(() -> new Headers().set("X", value))
          .as(value)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new Headers().add("X", "a\r\nb"))
        .hasMessage("value of header X has a character that is not allowed in a field:"
            + " U+000D at index 1");
  }

  @Test
  void refusesAnOddNumberOfNamesAndValues() {
    assertThatThrownBy(() -> Headers.of("A", "1", "B"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("names and values must alternate, got an odd count: 3");
  }

  @Test
  void refusesIndexesOutOfRange() {
    Headers headers = Headers.of("A", "1");

    assertThatThrownBy(() -> headers.name(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> headers.value(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
