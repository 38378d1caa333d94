package dev.twine.web.client;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Set-Cookie} field read as RFC 6265 section 5.2 says: the name and value, and the
 * attributes that were valid; invalid attributes are ignored, as the RFC asks.
 *
 * @param maxAge the {@code Max-Age} in seconds, if valid
 * @param expires the {@code Expires} date in seconds since the epoch, if valid
 * @param domain the {@code Domain} without a leading dot, in lower case, if not empty
 * @param path the {@code Path}, if it starts with a slash
 */
record SetCookie(String name, String value, Optional<Long> maxAge, Optional<Long> expires,
    Optional<String> domain, Optional<String> path, boolean secure, boolean httpOnly) {

  /** Returns the cookie {@code field} sets, or empty if it is to be ignored. */
  static Optional<SetCookie> parse(String field) {
    int semicolon = field.indexOf(';');
    String pair = semicolon < 0 ? field : field.substring(0, semicolon);
    int equals = pair.indexOf('=');
    if (equals < 0) {
      return Optional.empty();
    }
    String name = pair.substring(0, equals).strip();
    String value = pair.substring(equals + 1).strip();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Long maxAge = null;
    Long expires = null;
    String domain = null;
    String path = null;
    boolean secure = false;
    boolean httpOnly = false;
    String rest = semicolon < 0 ? "" : field.substring(semicolon + 1);
    for (String attribute : rest.split(";")) {
      int eq = attribute.indexOf('=');
      String key = (eq < 0 ? attribute : attribute.substring(0, eq)).strip()
          .toLowerCase(Locale.ROOT);
      String argument = eq < 0 ? "" : attribute.substring(eq + 1).strip();
      switch (key) {
        case "expires" -> expires = CookieDates.parse(argument).orElse(expires);
        case "max-age" -> maxAge = maxAge(argument, maxAge);
        case "domain" -> domain = argument.isEmpty() ? domain
            : (argument.startsWith(".") ? argument.substring(1) : argument)
                .toLowerCase(Locale.ROOT);
        case "path" -> path = argument.startsWith("/") ? argument : null;
        case "secure" -> secure = true;
        case "httponly" -> httpOnly = true;
        default -> { }
      }
    }
    return Optional.of(new SetCookie(name, value, Optional.ofNullable(maxAge),
        Optional.ofNullable(expires), Optional.ofNullable(domain), Optional.ofNullable(path),
        secure, httpOnly));
  }

  /** Returns the seconds of a valid {@code Max-Age}, or {@code previous} for an invalid one. */
  private static @Nullable Long maxAge(String argument, @Nullable Long previous) {
    if (!argument.matches("-?[0-9]+")) {
      return previous;
    }
    try {
      return Long.parseLong(argument);
    } catch (NumberFormatException huge) {
      return argument.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
