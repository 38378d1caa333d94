package dev.twine.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Endpoint strings built by escaping arbitrary parts parse back into those parts. */
class EndpointDescriptionPropertyTest {

  private static String escape(String part) {
    return part.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }

  @Property(tries = 500)
  void escapedPartsParseBackToThemselves(
      @ForAll @StringLength(min = 1, max = 6) @Chars({'t', 'c', 'p', ':', '=', '\\'}) String prefix,
      @ForAll @Size(max = 4) List<@StringLength(max = 6) @Chars({'a', '1', ':', '=', '\\'}) String> arguments,
      @ForAll @Size(max = 4) Map<@StringLength(max = 6) @Chars({'k', ':', '=', '\\'}) String,
          @StringLength(max = 6) @Chars({'v', ':', '=', '\\'}) String> parameters) {
    StringBuilder text = new StringBuilder(escape(prefix));
    arguments.forEach(argument -> text.append(':').append(escape(argument)));
    parameters.forEach((name, value) -> text.append(':').append(escape(name)).append('=').append(escape(value)));

    EndpointDescription parsed = EndpointDescription.parse(text.toString());

    assertThat(parsed.prefix()).isEqualTo(prefix);
    assertThat(parsed.arguments()).isEqualTo(arguments);
    assertThat(parsed.parameters()).isEqualTo(parameters);
  }

  @Property(tries = 300)
  void aValueNeedsOnlyItsColonsEscaped(
      @ForAll @StringLength(max = 8) @Chars({'v', '=', ':'}) String value) {
    EndpointDescription parsed = EndpointDescription.parse("x:key=" + value.replace(":", "\\:"));

    assertThat(parsed.parameters()).containsExactly(Map.entry("key", value));
  }
}
