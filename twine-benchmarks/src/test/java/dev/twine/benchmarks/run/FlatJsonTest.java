package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  @Test
  void readsNumbersStringsAndBooleansInOrder() {
    assertThat(FlatJson.parse(
        "{\"value\": 123456.7, \"unit\": \"msg/s\", \"p99_us\": 850, \"tls\": true, \"x\": -1.5e3}"))
        .containsExactly(entry("value", 123456.7), entry("unit", "msg/s"), entry("p99_us", 850.0),
            entry("tls", true), entry("x", -1500.0));
  }

  @Test
  void readsEscapesAndLeavesNullOut() {
    assertThat(FlatJson.parse(" {\"note\":\"a \\\"b\\\" \\\\ \\u00e9\\n\",\"gone\":null} "))
        .containsExactly(entry("note", "a \"b\" \\ \u00e9\n"));
  }

  @Test
  void readsAnEmptyObject() {
    assertThat(FlatJson.parse("{}")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "value: 1", "[1]", "{\"a\": {\"b\": 1}}", "{\"a\": [1]}", "{\"a\": 1} trailing",
      "{\"a\": 1,}", "{\"a\" 1}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": \"open}", "{\"a\": 1, \"a\": 2}",
      "{\"a\": \"\\x\"}", "{'a': 1}", "{\"a\": tru}"
  })
  void rejectsAnythingButOneFlatObject(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> FlatJson.parse(text))
        .withMessageStartingWith("not a flat JSON object (")
        .withMessageContaining(" at offset ");
  }

  @Test
  void namesTheProblemAndWhereItIs() {
    assertThatIllegalArgumentException().isThrownBy(() -> FlatJson.parse("{\"a\": {\"b\": 1}}"))
        .withMessage("not a flat JSON object (nested value at offset 6): {\"a\": {\"b\": 1}}");
  }
}
