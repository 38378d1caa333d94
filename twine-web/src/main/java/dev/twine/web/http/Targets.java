package dev.twine.web.http;

import org.jspecify.annotations.Nullable;

/**
 * The syntax of request targets (RFC 9112 section 3.2, with the characters of RFC 3986) and of
 * the authorities in them and in {@code Host}. Characters outside RFC 3986, such as spaces,
 * quotes, backslashes, braces, non-ASCII and a {@code #} fragment, are refused: a client must
 * percent-encode them.
 */
final class Targets {
  private Targets() {}

  /** Returns why {@code target} is not a valid target for {@code method}, or null if it is. */
  static @Nullable String problem(HttpMethod method, String target) {
    if (target.isEmpty()) {
      return "empty request target";
    }
    if (method.equals(HttpMethod.CONNECT)) {
      String problem = authority(target, 0, target.length(), true, true);
      return problem == null ? null : "CONNECT needs a host:port target: " + problem;
    }
    if (target.equals("*")) {
      return method.equals(HttpMethod.OPTIONS) ? null : "the * target is only for OPTIONS";
    }
    return target.charAt(0) == '/' ? pathAndQuery(target, 0) : absolute(target);
  }

  /** Returns the form of a target that {@link #problem} accepts for {@code method}. */
  static TargetForm form(HttpMethod method, String target) {
    if (method.equals(HttpMethod.CONNECT)) {
      return TargetForm.AUTHORITY;
    }
    if (target.equals("*")) {
      return TargetForm.ASTERISK;
    }
    return target.charAt(0) == '/' ? TargetForm.ORIGIN : TargetForm.ABSOLUTE;
  }

  /** Returns why {@code value} is not a valid {@code Host} field value, or null if it is. */
  static @Nullable String hostProblem(String value) {
    return authority(value, 0, value.length(), false, false);
  }

  private static @Nullable String absolute(String target) {
    int colon = target.indexOf(':');
    if (colon <= 0 || !isAlpha(target.charAt(0))) {
      return "request target is neither a path nor an absolute URI";
    }
    for (int i = 1; i < colon; i++) {
      char c = target.charAt(i);
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return badCharacter(target, i, "a URI scheme");
      }
    }
    int rest = colon + 1;
    if (!target.startsWith("//", rest)) {
      return pathAndQuery(target, rest);
    }
    int end = rest + 2;
    while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
      end++;
    }
    String problem = authority(target, rest + 2, end, true, false);
    return problem != null ? problem : pathAndQuery(target, end);
  }

  private static @Nullable String pathAndQuery(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (!isPercentEncoded(s, i, s.length())) {
          return "bad percent-encoding at index " + i + " of the request target";
        }
        i += 2;
      } else if (!Syntax.isUnreservedOrSubDelim(c) && c != ':' && c != '@' && c != '/'
          && c != '?') {
        return badCharacter(s, i, "a request target");
      }
    }
    return null;
  }

  /**
   * Returns why {@code s[from, to)} is not {@code host [":" port]} (RFC 3986 section 3.2.2), or
   * null. The host is a bracketed IPv6 literal or a registered name (which includes IPv4); user
   * information ({@code user@}) is refused.
   */
  private static @Nullable String authority(
      String s, int from, int to, boolean hostRequired, boolean portRequired) {
    int i = from;
    if (i < to && s.charAt(i) == '[') {
      int close = s.indexOf(']', i);
      if (close < 0 || close >= to || close == i + 1) {
        return "bad IP literal in host";
      }
      for (int j = i + 1; j < close; j++) {
        char c = s.charAt(j);
        if (!Syntax.isHex(c) && c != ':' && c != '.') {
          return badCharacter(s, j, "an IP literal");
        }
      }
      i = close + 1;
    } else {
      for (; i < to && s.charAt(i) != ':'; i++) {
        char c = s.charAt(i);
        if (c == '%' ? !isPercentEncoded(s, i, to) : !Syntax.isUnreservedOrSubDelim(c)) {
          return badCharacter(s, i, "a host");
        }
      }
    }
    if (hostRequired && i == from) {
      return "empty host";
    }
    if (i == to) {
      return portRequired ? "missing port" : null;
    }
    if (s.charAt(i) != ':') {
      return badCharacter(s, i, "a host");
    }
    return port(s, i + 1, to, portRequired);
  }

  private static @Nullable String port(String s, int from, int to, boolean required) {
    if (from == to) {
      return required ? "missing port" : null;
    }
    if (to - from > 5) {
      return "port out of range";
    }
    int port = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return badCharacter(s, i, "a port");
      }
      port = port * 10 + c - '0';
    }
    return port > 65535 ? "port out of range" : null;
  }

  private static boolean isPercentEncoded(String s, int at, int to) {
    return at + 2 < to && Syntax.isHex(s.charAt(at + 1)) && Syntax.isHex(s.charAt(at + 2));
  }

  private static boolean isAlpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String badCharacter(String s, int index, String where) {
    return String.format("character U+%04X at index %d is not allowed in %s",
        (int) s.charAt(index), index, where);
  }
}
