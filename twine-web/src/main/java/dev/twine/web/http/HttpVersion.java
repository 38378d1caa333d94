package dev.twine.web.http;

/**
 * The versions of HTTP that the codec speaks. A message in HTTP/1.2 to HTTP/1.9 is read as
 * HTTP/1.1, as RFC 9110 section 2.5 asks; other major versions are refused with 505.
 */
public enum HttpVersion {
  /** HTTP/1.0: connections close after each exchange unless the client asks otherwise. */
  HTTP_1_0("HTTP/1.0"),
  /** HTTP/1.1: persistent connections, chunked bodies, a required {@code Host}. */
  HTTP_1_1("HTTP/1.1");

  private final String text;

  HttpVersion(String text) {
    this.text = text;
  }

  /** Returns the version as it appears in a start line, such as {@code HTTP/1.1}. */
  @Override
  public String toString() {
    return text;
  }
}
