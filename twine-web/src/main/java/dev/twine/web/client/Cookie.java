package dev.twine.web.client;

import java.util.Objects;

/**
 * A cookie as a {@link CookieJar} keeps it (RFC 6265 section 5.3).
 *
 * @param name the name
 * @param value the value, as the server sent it
 * @param domain the host it belongs to (host-only) or the domain whose hosts get it, in lower
 *     case
 * @param path the path prefix of the URIs that get it
 * @param hostOnly whether only {@code domain} itself gets it: the server gave no {@code Domain}
 * @param secure whether it is sent over https only
 * @param httpOnly whether the server asked scripts not to see it
 * @param expiresAt when it expires, in seconds on the jar's clock; infinite for a session cookie,
 *     kept until the jar is cleared
 */
public record Cookie(String name, String value, String domain, String path, boolean hostOnly,
    boolean secure, boolean httpOnly, double expiresAt) {

  /** Checks that the strings are there. */
  public Cookie {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(path, "path");
  }

  /** Returns whether it has an expiry time, rather than living as long as the jar. */
  public boolean persistent() {
    return expiresAt != Double.POSITIVE_INFINITY;
  }

  /** Returns {@code name=value}, as a {@code Cookie} field holds it. */
  @Override
  public String toString() {
    return name + "=" + value;
  }
}
