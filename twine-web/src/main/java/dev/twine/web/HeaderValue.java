package dev.twine.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A header value made of a token and parameters, as {@code Content-Type} (RFC 9110 section
 * 8.3.1) and {@code Content-Disposition} (RFC 6266) are: {@code multipart/form-data;
 * boundary=x} or {@code form-data; name="a"; filename="b.txt"}.
 *
 * <p>Parameter values are tokens or quoted strings. In a quoted string, a backslash escapes a
 * following {@code "} or {@code \} and stands for itself before anything else: browsers send
 * file names with unescaped backslashes (WHATWG HTML, "multipart/form-data encoding
 * algorithm").
 *
 * @param value the token before the parameters, in lower case, such as {@code text/plain}
 * @param parameters the parameters by name in lower case, in order; the first of a name wins
 */
record HeaderValue(String value, Map<String, String> parameters) {

  /**
   * Parses {@code text}, the value of the header field {@code field}.
   *
   * @throws HttpError with 400 if a parameter has no {@code =}, an empty name, or an unclosed
   *     quoted string
   */
  static HeaderValue parse(String field, String text) {
    int semicolon = text.indexOf(';');
    int end = semicolon < 0 ? text.length() : semicolon;
    String value = text.substring(0, end).strip().toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    int pos = end;
    while (pos < text.length()) {
      pos = skipSpace(text, pos + 1);
      if (pos == text.length() || text.charAt(pos) == ';') {
        continue;
      }
      int equals = text.indexOf('=', pos);
      int next = text.indexOf(';', pos);
      if (equals < 0 || (next >= 0 && next < equals)) {
        throw bad(field, "a parameter without a value");
      }
      String name = text.substring(pos, equals).strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw bad(field, "a parameter without a name");
      }
      pos = skipSpace(text, equals + 1);
      StringBuilder parameter = new StringBuilder();
      pos = pos < text.length() && text.charAt(pos) == '"'
          ? quoted(field, text, pos + 1, parameter)
          : token(text, pos, parameter);
      parameters.putIfAbsent(name, parameter.toString());
    }
    return new HeaderValue(value, Collections.unmodifiableMap(parameters));
  }

  /** Returns the parameter {@code name}, given in lower case, if it is present. */
  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** Reads a quoted string whose content starts at {@code pos}; returns where the next ';' is. */
  private static int quoted(String field, String text, int pos, StringBuilder out) {
    int i = pos;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        int after = skipSpace(text, i + 1);
        if (after < text.length() && text.charAt(after) != ';') {
          throw bad(field, "text after a quoted string");
        }
        return after;
      }
      if (c == '\\' && i + 1 < text.length()
          && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
        i++;
        c = text.charAt(i);
      }
      out.append(c);
      i++;
    }
    throw bad(field, "a quoted string that is not closed");
  }

  private static int token(String text, int pos, StringBuilder out) {
    int next = text.indexOf(';', pos);
    int end = next < 0 ? text.length() : next;
    out.append(text, pos, end);
    int length = out.length();
    while (length > 0 && (out.charAt(length - 1) == ' ' || out.charAt(length - 1) == '\t')) {
      length--;
    }
    out.setLength(length);
    return end;
  }

  private static int skipSpace(String text, int pos) {
    int i = pos;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static HttpError bad(String field, String what) {
    return new HttpError(400, "The " + field + " header has " + what + ".");
  }
}
