package dev.twine.web.http;

import java.util.Objects;

/**
 * A request method (RFC 9110 section 9): a case-sensitive token such as {@code GET}. The methods
 * the RFCs define are constants; any other token is an extension method, such as WebDAV's
 * {@code PROPFIND}, and equal to every other method of the same name.
 *
 * @param name the method's token, such as {@code "GET"}
 */
public record HttpMethod(String name) {
  /** Transfers a representation of the target. */
  public static final HttpMethod GET = new HttpMethod("GET");
  /** Like GET, but the response has no body. */
  public static final HttpMethod HEAD = new HttpMethod("HEAD");
  /** Has the target process the enclosed content. */
  public static final HttpMethod POST = new HttpMethod("POST");
  /** Replaces the target with the enclosed content. */
  public static final HttpMethod PUT = new HttpMethod("PUT");
  /** Removes the target. */
  public static final HttpMethod DELETE = new HttpMethod("DELETE");
  /** Opens a tunnel to the host and port in the target. */
  public static final HttpMethod CONNECT = new HttpMethod("CONNECT");
  /** Asks what the target, or with {@code *} the server, supports. */
  public static final HttpMethod OPTIONS = new HttpMethod("OPTIONS");
  /** Asks the server to echo the request back. */
  public static final HttpMethod TRACE = new HttpMethod("TRACE");
  /** Applies partial changes to the target (RFC 5789). */
  public static final HttpMethod PATCH = new HttpMethod("PATCH");

  /** The constants, which the parser returns instead of new instances. */
  static final HttpMethod[] KNOWN = {GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH};

  /**
   * Creates a method.
   *
   * @throws IllegalArgumentException if {@code name} is empty or not a token, naming the
   *     character
   */
  public HttpMethod {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("method must not be empty");
    }
    int bad = Syntax.firstNonToken(name);
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format(
          "method \"%s\" has a character that is not allowed in a token: U+%04X at index %d",
          name, (int) name.charAt(bad), bad));
    }
  }

  /**
   * Returns the method named {@code name}: one of the constants if it is theirs, else a new
   * extension method. Names are case-sensitive: {@code "get"} is not {@link #GET}.
   *
   * @throws IllegalArgumentException if {@code name} is not a token
   */
  public static HttpMethod of(String name) {
    for (HttpMethod known : KNOWN) {
      if (known.name.equals(name)) {
        return known;
      }
    }
    return new HttpMethod(name);
  }

  /** Returns the name, such as {@code GET}. */
  @Override
  public String toString() {
    return name;
  }
}
