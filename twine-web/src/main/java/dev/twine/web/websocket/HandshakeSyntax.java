package dev.twine.web.websocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the list-valued header fields of the opening handshake: {@code Sec-WebSocket-Protocol}
 * (a list of tokens) and {@code Sec-WebSocket-Extensions} (RFC 6455 section 9.1). Lists follow
 * RFC 9110 section 5.6.1: elements separated by commas with optional whitespace, empty elements
 * skipped, and a field may occur several times. Failures are {@link IllegalArgumentException}s
 * naming the field, the value and the place.
 */
final class HandshakeSyntax {
  private final String field;
  private final String value;
  private int at;

  private HandshakeSyntax(String field, String value) {
    this.field = field;
    this.value = value;
  }

  /** Returns whether {@code c} may appear in a token (RFC 9110 tchar). */
  static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** Returns whether {@code s} is a non-empty token. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns the tokens listed in the values of the field named {@code field}, in order. */
  static List<String> tokens(String field, List<String> values) {
    List<String> tokens = new ArrayList<>();
    for (String value : values) {
      HandshakeSyntax in = new HandshakeSyntax(field, value);
      while (in.nextElement()) {
        tokens.add(in.token("a token"));
        in.endElement();
      }
    }
    return List.copyOf(tokens);
  }

  /** Returns the extensions listed in the values of {@code Sec-WebSocket-Extensions}. */
  static List<WebSocketExtension> extensions(List<String> values) {
    List<WebSocketExtension> extensions = new ArrayList<>();
    for (String value : values) {
      HandshakeSyntax in = new HandshakeSyntax("Sec-WebSocket-Extensions", value);
      while (in.nextElement()) {
        extensions.add(in.extension());
        in.endElement();
      }
    }
    return List.copyOf(extensions);
  }

  private WebSocketExtension extension() {
    String name = token("an extension name");
    List<WebSocketExtension.Parameter> parameters = new ArrayList<>();
    skipWhitespace();
    while (at < value.length() && value.charAt(at) == ';') {
      at++;
      skipWhitespace();
      String parameter = token("a parameter name");
      skipWhitespace();
      String argument = "";
      if (at < value.length() && value.charAt(at) == '=') {
        at++;
        skipWhitespace();
        argument = at < value.length() && value.charAt(at) == '"'
            ? quotedToken() : token("a parameter value");
        skipWhitespace();
      }
      parameters.add(new WebSocketExtension.Parameter(parameter, argument));
    }
    return new WebSocketExtension(name, parameters);
  }

  /** Skips empty elements; returns whether an element starts here. */
  private boolean nextElement() {
    while (true) {
      skipWhitespace();
      if (at == value.length()) {
        return false;
      }
      if (value.charAt(at) != ',') {
        return true;
      }
      at++;
    }
  }

  /** Expects the end of the element just read: the end of the value or a comma. */
  private void endElement() {
    skipWhitespace();
    if (at < value.length()) {
      if (value.charAt(at) != ',') {
        throw error("expected a comma or the end");
      }
      at++;
    }
  }

  private String token(String what) {
    int start = at;
    while (at < value.length() && isTchar(value.charAt(at))) {
      at++;
    }
    if (at == start) {
      throw error("expected " + what);
    }
    return value.substring(start, at);
  }

  /** Reads a quoted-string whose content must be a token, as RFC 6455 asks of extension values. */
  private String quotedToken() {
    int start = at;
    at++;
    StringBuilder content = new StringBuilder();
    while (at < value.length() && value.charAt(at) != '"') {
      char c = value.charAt(at++);
      if (c == '\\' && at < value.length()) {
        c = value.charAt(at++);
      }
      content.append(c);
    }
    if (at == value.length()) {
      at = start;
      throw error("unterminated quoted string");
    }
    at++;
    if (!isToken(content.toString())) {
      at = start;
      throw error("a quoted parameter value must hold a token");
    }
    return content.toString();
  }

  private void skipWhitespace() {
    while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
      at++;
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(
        field + ": " + problem + " at index " + at + " of \"" + value + "\"");
  }
}
