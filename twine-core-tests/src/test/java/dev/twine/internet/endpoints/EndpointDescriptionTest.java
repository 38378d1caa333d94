package dev.twine.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EndpointDescriptionTest {

  private static void assertInvalid(String text, String problem) {
    assertThatThrownBy(() -> EndpointDescription.parse(text))
        .isInstanceOf(EndpointSyntaxException.class)
        .hasMessage("invalid endpoint \"" + text + "\": " + problem);
  }

  @Nested
  class Grammar {
    @Test
    void splitsThePrefixThePositionalArgumentsAndTheNamedParameters() {
      EndpointDescription d = EndpointDescription.parse("tcp:8080:interface=127.0.0.1:backlog=50");

      assertThat(d.text()).isEqualTo("tcp:8080:interface=127.0.0.1:backlog=50");
      assertThat(d.prefix()).isEqualTo("tcp");
      assertThat(d.arguments()).containsExactly("8080");
      assertThat(d.parameters()).containsExactly(entry("interface", "127.0.0.1"), entry("backlog", "50"));
    }

    @Test
    void aBackslashEscapesColonsEqualsSignsAndItself() {
      assertThat(EndpointDescription.parse("tcp6:8080:interface=\\:\\:1").parameters())
          .containsExactly(entry("interface", "::1"));
      assertThat(EndpointDescription.parse("unix:/tmp/a\\:b").arguments()).containsExactly("/tmp/a:b");
      assertThat(EndpointDescription.parse("x:a\\=b=c").parameters()).containsExactly(entry("a=b", "c"));
      assertThat(EndpointDescription.parse("x:a\\=b").arguments()).containsExactly("a=b");
      assertThat(EndpointDescription.parse("unix:C\\\\dir").arguments()).containsExactly("C\\dir");
      assertThat(EndpointDescription.parse("t\\cp:1").prefix()).isEqualTo("tcp");
    }

    @Test
    void aValueMayContainEqualsSignsOnlyAColonEndsIt() {
      EndpointDescription d = EndpointDescription.parse("ssl:443:privateKey=a=b:extra==");

      assertThat(d.parameters()).containsExactly(entry("privateKey", "a=b"), entry("extra", "="));
    }

    @Test
    void keepsEmptyParts() {
      assertThat(EndpointDescription.parse("tcp::8080").arguments()).containsExactly("", "8080");
      assertThat(EndpointDescription.parse("tcp:8080:").arguments()).containsExactly("8080", "");
      assertThat(EndpointDescription.parse("tcp:").arguments()).containsExactly("");
      assertThat(EndpointDescription.parse("tcp").arguments()).isEmpty();
      assertThat(EndpointDescription.parse("tcp:8080:interface=").parameters())
          .containsExactly(entry("interface", ""));
      assertThat(EndpointDescription.parse("tcp:=5").parameters()).containsExactly(entry("", "5"));
    }

    @Test
    void aRepeatedParameterIsAnError() {
      assertInvalid("tcp:80:backlog=1:backlog=2", "parameter \"backlog\" is given twice");
    }

    @Test
    void aLoneTrailingBackslashIsAnError() {
      assertInvalid("unix:/tmp/sock\\", "it ends with a lone backslash");
    }

    @Test
    void itMustStartWithAType() {
      assertInvalid("", "it must start with a type such as tcp: or unix:");
      assertInvalid(":8080", "it must start with a type such as tcp: or unix:");
      assertInvalid("port=8080:tcp",
          "it must start with a type such as tcp: or unix:, not the parameter \"port\"");
    }

    @Test
    void itsCollectionsCannotBeChanged() {
      EndpointDescription d = EndpointDescription.parse("tcp:80:a=b");

      assertThatThrownBy(() -> d.arguments().add("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> d.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Accessors {
    private final EndpointDescription d = EndpointDescription.parse(
        "x:80x:port=8080:backlog=5000:timeout=soon:lockfile=maybe:path=:mode=660:bare:empty=");

    @Test
    void aValueIsFoundByNameFirstThenByPosition() {
      EndpointDescription positional = EndpointDescription.parse("tcp:example.com:80:port=443");

      assertThat(positional.value("host", 0)).contains("example.com");
      assertThat(positional.value("port", 1)).contains("443");
      assertThat(positional.value("timeout", -1)).isEmpty();
      assertThat(positional.value("other", 5)).isEmpty();
      assertThat(positional.required("host", 0)).isEqualTo("example.com");
    }

    @Test
    void requiredNamesWhatIsMissing() {
      assertThatThrownBy(() -> d.required("host", 9))
          .isInstanceOf(EndpointSyntaxException.class).hasMessageEndingWith(": missing host");
    }

    @Test
    void portNamesTheBadValue() {
      assertThat(d.port("port", 0)).isEqualTo(8080);
      assertThatThrownBy(() -> d.port("number", 0))
          .isInstanceOf(EndpointSyntaxException.class)
          .hasMessage("invalid endpoint \"" + d.text() + "\": number must be a number from 0 to 65535, not \"80x\"");
      for (String bad : List.of("-1", "+80", "65536", "", " 80", "\u0668\u0660", "99999999999")) {
        assertThatThrownBy(() -> EndpointDescription.parse("tcp:" + bad).port("port", 0))
            .as(bad).isInstanceOf(EndpointSyntaxException.class)
            .hasMessageEndingWith("port must be a number from 0 to 65535, not \"" + bad + "\"");
      }
    }

    @Test
    void integerChecksTheRangeOrGivesTheDefault() {
      assertThat(d.integer("missing", -1, 50, 1, 65535)).isEqualTo(50);
      assertThat(EndpointDescription.parse("tcp:80:backlog=7").integer("backlog", -1, 50, 1, 65535)).isEqualTo(7);
      assertThatThrownBy(() -> d.integer("backlog", -1, 50, 1, 1024))
          .isInstanceOf(EndpointSyntaxException.class)
          .hasMessageEndingWith("backlog must be a number from 1 to 1024, not \"5000\"");
    }

    @Test
    void secondsTakesDecimalNumbersOfSeconds() {
      assertThat(EndpointDescription.parse("tcp:timeout=30").seconds("timeout", Duration.ZERO))
          .isEqualTo(Duration.ofSeconds(30));
      assertThat(EndpointDescription.parse("tcp:timeout=2.5").seconds("timeout", Duration.ZERO))
          .isEqualTo(Duration.ofMillis(2500));
      assertThat(EndpointDescription.parse("tcp:timeout=.25").seconds("timeout", Duration.ZERO))
          .isEqualTo(Duration.ofMillis(250));
      assertThat(d.seconds("missing", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
      for (String bad : List.of("soon", "-1", "0", "0.0", "1e3", "NaN", "Infinity", " 5", "5d", "0.0000000001", "")) {
        assertThatThrownBy(() -> EndpointDescription.parse("tcp:timeout=" + bad).seconds("timeout", Duration.ZERO))
            .as(bad).isInstanceOf(EndpointSyntaxException.class)
            .hasMessageEndingWith("timeout must be a positive number of seconds, not \"" + bad + "\"");
      }
    }

    @Test
    void flagTakesOneOrZeroTrueOrFalseYesOrNo() {
      for (String yes : List.of("1", "true", "yes", "TRUE", "Yes")) {
        assertThat(EndpointDescription.parse("unix:/p:lockfile=" + yes).flag("lockfile", false)).as(yes).isTrue();
      }
      for (String no : List.of("0", "false", "no", "False")) {
        assertThat(EndpointDescription.parse("unix:/p:lockfile=" + no).flag("lockfile", true)).as(no).isFalse();
      }
      assertThat(d.flag("missing", true)).isTrue();
      assertThatThrownBy(() -> d.flag("lockfile", false))
          .isInstanceOf(EndpointSyntaxException.class)
          .hasMessageEndingWith("lockfile must be 1 or 0 (or true/false), not \"maybe\"");
    }

    @Test
    void pathMustNotBeEmpty() {
      assertThat(EndpointDescription.parse("unix:/run/app.sock").path("address", 0))
          .isEqualTo(Path.of("/run/app.sock"));
      assertThatThrownBy(() -> d.path("path", -1))
          .isInstanceOf(EndpointSyntaxException.class).hasMessageEndingWith(": path must not be empty");
      assertThatThrownBy(() -> d.path("socket", 7))
          .isInstanceOf(EndpointSyntaxException.class).hasMessageEndingWith(": missing socket");
    }

    @Test
    void requireOnlyNamesAnUnknownParameterAndTheKnownOnes() {
      EndpointDescription misspelt = EndpointDescription.parse("tcp:8080:bakclog=5");

      assertThatThrownBy(() -> misspelt.requireOnly(1, "port", "interface", "backlog"))
          .isInstanceOf(EndpointSyntaxException.class)
          .hasMessage("invalid endpoint \"tcp:8080:bakclog=5\": unknown parameter \"bakclog\" for tcp"
              + " (known: backlog, interface, port)");
    }

    @Test
    void requireOnlyNamesAnExtraPositionalArgument() {
      EndpointDescription extra = EndpointDescription.parse("tcp:8080:9090:backlog=5");

      extra.requireOnly(2, "backlog");
      assertThatThrownBy(() -> extra.requireOnly(1, "backlog"))
          .isInstanceOf(EndpointSyntaxException.class)
          .hasMessage("invalid endpoint \"tcp:8080:9090:backlog=5\": unexpected argument \"9090\""
              + " (tcp takes at most 1 positional argument)");
      assertThatThrownBy(() -> extra.requireOnly(0, "backlog"))
          .hasMessageEndingWith("unexpected argument \"8080\" (tcp takes at most 0 positional arguments)");
    }
  }

  @Test
  void theRecordCopiesWhatItIsGiven() {
    java.util.ArrayList<String> arguments = new java.util.ArrayList<>(List.of("80"));
    java.util.HashMap<String, String> parameters = new java.util.HashMap<>(Map.of("a", "b"));
    EndpointDescription d = new EndpointDescription("tcp:80:a=b", "tcp", arguments, parameters);

    arguments.add("81");
    parameters.put("c", "d");

    assertThat(d.arguments()).containsExactly("80");
    assertThat(d.parameters()).containsExactly(entry("a", "b"));
  }
}
