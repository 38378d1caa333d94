package dev.twine.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code Cookie} header fields of a request (RFC 6265 section 5.4). */
final class Cookies {
  private Cookies() {}

  /**
   * Returns the cookies in {@code fields}, by name in the order they came; when a name comes
   * twice, the first wins, as browsers send the most specific cookie first. Pairs without
   * {@code =} are skipped; a value in double quotes loses them. The map is unmodifiable.
   */
  static Map<String, String> parse(List<String> fields) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String field : fields) {
      for (String pair : field.split(";")) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
          continue;
        }
        String name = pair.substring(0, equals).strip();
        String value = pair.substring(equals + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!name.isEmpty()) {
          cookies.putIfAbsent(name, value);
        }
      }
    }
    return Collections.unmodifiableMap(cookies);
  }
}
