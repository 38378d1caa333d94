package dev.twine.benchmarks.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the one-line result of a load generator: a JSON object whose values are numbers,
 * strings, booleans or null, nothing nested, such as {@code {"value": 12.5, "unit": "MB/s"}}.
 * Numbers become {@link Double}s, strings {@link String}s, booleans {@link Boolean}s; null
 * members are left out.
 */
final class FlatJson {
  private final String text;
  private int at;

  private FlatJson(String text) {
    this.text = text;
  }

  /**
   * Returns the members of {@code text} in their order.
   *
   * @throws IllegalArgumentException naming the offset, if {@code text} is not one flat JSON
   *     object (nested values, trailing text, a repeated name)
   */
  static Map<String, Object> parse(String text) {
    FlatJson json = new FlatJson(text);
    json.space();
    Map<String, Object> members = json.object();
    json.space();
    if (json.at != text.length()) {
      throw json.error("text after the object");
    }
    return members;
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    expect('{');
    space();
    if (peek() == '}') {
      at++;
      return members;
    }
    while (true) {
      space();
      int nameAt = at;
      String name = string();
      space();
      expect(':');
      space();
      Object value = value();
      if (members.containsKey(name)) {
        at = nameAt;
        throw error("repeated name \"" + name + "\"");
      }
      if (value != null) {
        members.put(name, value);
      }
      space();
      char next = next();
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        at--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private @org.jspecify.annotations.Nullable Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, at)) {
        at += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    throw error(c == '{' || c == '[' ? "nested value" : "expected a value");
  }

  private Double number() {
    int start = at;
    while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String literal = text.substring(start, at);
    if (!literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      at = start;
      throw error("bad number " + literal);
    }
    return Double.valueOf(literal);
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return s.toString();
      }
      if (c < 0x20) {
        at--;
        throw error("control character in a string");
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> s.append(escape);
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> s.append(unicode());
        default -> {
          at--;
          throw error("bad escape \\" + escape);
        }
      }
    }
  }

  private char unicode() {
    if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
      throw error("bad \\u escape");
    }
    char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
    at += 4;
    return c;
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(
        "not a flat JSON object (" + problem + " at offset " + at + "): " + text);
  }
}
