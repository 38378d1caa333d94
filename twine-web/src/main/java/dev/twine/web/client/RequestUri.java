package dev.twine.web.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A request URI taken apart: the origin to connect to and the path and query to ask for, as
 * RFC 3986 reads {@code http} and {@code https} URIs. The fragment is dropped.
 *
 * @param origin where the request goes
 * @param pathAndQuery the origin-form target, {@code /} when the URI has no path
 * @param text the URI as given
 */
record RequestUri(Origin origin, String pathAndQuery, String text) {

  /**
   * Parses {@code uri}.
   *
   * @throws IllegalArgumentException if it is not an absolute {@code http} or {@code https} URI
   *     with a host
   */
  static RequestUri parse(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URI \"" + uri + "\": " + e.getMessage());
    }
    return of(parsed, uri);
  }

  /**
   * Takes {@code uri} apart; {@code text} is what the response reports.
   *
   * @throws IllegalArgumentException as {@link #parse} does
   */
  static RequestUri of(URI uri, String text) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new IllegalArgumentException("URI must be absolute, with http or https: \"" + text
          + "\"");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("unsupported URI scheme \"" + scheme + "\" in \"" + text
          + "\": only http and https");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("URI has no host: \"" + text + "\"");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? Origin.defaultPort(scheme) : uri.getPort();
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String query = uri.getRawQuery();
    return new RequestUri(new Origin(scheme, host, port),
        query == null ? path : path + "?" + query, text);
  }

  /** Returns the URI as the absolute-form target a proxy is sent: no fragment, no user info. */
  String absoluteForm() {
    return origin.scheme() + "://" + origin.authority() + pathAndQuery;
  }

  /** Returns this URI as a {@link URI}, for resolving references against it. */
  URI toUri() {
    return URI.create(absoluteForm());
  }
}
