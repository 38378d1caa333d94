package dev.twine.cli.commands;

import dev.twine.web.http.Headers;
import java.util.List;

/** Reads header options such as {@code -H "Name: value"}, shared by the commands that take them. */
final class HeaderFields {
  private HeaderFields() {}

  /**
   * Returns the fields {@code options} spell, each {@code "Name: value"}, in order.
   *
   * @throws IllegalArgumentException if one has no name before a colon, or its name or value is
   *     not valid in a header, with a message fit for a usage error
   */
  static Headers parse(List<String> options) {
    Headers fields = new Headers();
    for (String option : options) {
      int colon = option.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("a header must be \"Name: value\": \"" + option + "\"");
      }
      fields.add(option.substring(0, colon).strip(), option.substring(colon + 1).strip());
    }
    return fields;
  }
}
