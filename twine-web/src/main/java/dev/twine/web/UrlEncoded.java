package dev.twine.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} text, the syntax of query strings and of
 * simple HTML form bodies (WHATWG URL standard, section 5): {@code name=value} pairs separated by
 * {@code &}, {@code +} for a space, percent-encoded UTF-8.
 */
final class UrlEncoded {
  private UrlEncoded() {}

  /**
   * Returns the arguments of {@code text}, by name in the order names first appear, each with its
   * values in order. A pair without {@code =} has the empty value; empty pairs are skipped. The
   * map and its lists are unmodifiable.
   */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> arguments = new LinkedHashMap<>();
    int start = 0;
    while (start <= text.length()) {
      int amp = text.indexOf('&', start);
      int end = amp < 0 ? text.length() : amp;
      if (end > start) {
        int equals = text.indexOf('=', start);
        boolean hasValue = equals >= 0 && equals < end;
        String name = PercentDecoding.lenient(text.substring(start, hasValue ? equals : end));
        String value = hasValue ? PercentDecoding.lenient(text.substring(equals + 1, end)) : "";
        arguments.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
    arguments.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(arguments);
  }
}
