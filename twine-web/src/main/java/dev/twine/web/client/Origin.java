package dev.twine.web.client;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a request goes: a scheme, a host and a port (RFC 6454's origin). The pool keeps
 * connections per origin, and an {@link EndpointFactory} connects to one.
 *
 * @param scheme {@code http} or {@code https}, in lower case
 * @param host a host name in lower case, or an IP address literal; an IPv6 literal without its
 *     brackets
 * @param port the port, from 1 to 65535
 */
public record Origin(String scheme, String host, int port) {

  /**
   * Creates an origin; the scheme and host are folded to lower case.
   *
   * @throws IllegalArgumentException if the scheme is neither {@code http} nor {@code https}, the
   *     host is empty or in brackets, or the port is not from 1 to 65535
   */
  public Origin {
    scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
    host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("scheme must be http or https: " + scheme);
    }
    if (host.isEmpty() || host.startsWith("[")) {
      throw new IllegalArgumentException("host must be a name or an address without brackets: \""
          + host + "\"");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be from 1 to 65535: " + port);
    }
  }

  /** Returns the port a scheme uses when a URI names none: 80 for http, 443 for https. */
  public static int defaultPort(String scheme) {
    return scheme.equalsIgnoreCase("https") ? 443 : 80;
  }

  /** Returns whether requests to this origin are sent over TLS. */
  public boolean secure() {
    return scheme.equals("https");
  }

  /**
   * Returns the host and, unless it is the scheme's default, the port, as a {@code Host} field
   * holds them: {@code example.com}, {@code example.com:8080}, {@code [::1]:8080}.
   */
  public String authority() {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort(scheme) ? name : name + ":" + port;
  }

  /** Returns {@code scheme://authority}, such as {@code http://example.com:8080}. */
  @Override
  public String toString() {
    return scheme + "://" + authority();
  }
}
