package dev.twine.web.http;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a message body is (RFC 9112 section 6.3), and the other rules on a head that both
 * reading and writing enforce. Failures are {@link HttpParseException}s with a request's status;
 * a response parser turns them into 502 and an encoder into {@link IllegalArgumentException}.
 */
final class FramingRules {
  /** The framing of a body and, for {@link Framing#CONTENT_LENGTH}, its length. */
  record Body(Framing framing, long length) {}

  private static final Body NONE = new Body(Framing.NONE, 0);
  private static final Body CHUNKED = new Body(Framing.CHUNKED, -1);
  private static final Body UNTIL_CLOSE = new Body(Framing.UNTIL_CLOSE, -1);
  private static final Body SWITCH = new Body(Framing.SWITCH, 0);

  private FramingRules() {}

  /**
   * Returns the body of a request: chunked if {@code Transfer-Encoding} ends with it, else
   * {@code Content-Length} bytes, else none.
   *
   * @throws HttpParseException with 400 for Transfer-Encoding in HTTP/1.0, with Content-Length,
   *     or without chunked last; 501 for any other transfer coding; 400 for an invalid or
   *     ambiguous Content-Length
   */
  static Body request(HttpVersion version, Headers headers) {
    boolean hasLength = headers.contains("Content-Length");
    if (headers.contains("Transfer-Encoding")) {
      if (version == HttpVersion.HTTP_1_0) {
        throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 message");
      }
      if (hasLength) {
        throw new HttpParseException(400, "both Content-Length and Transfer-Encoding");
      }
      List<String> codings = codings(headers);
      if (!isChunked(codings.get(codings.size() - 1))) {
        throw new HttpParseException(400, "chunked is not the final transfer coding");
      }
      checkChunkedOnce(codings);
      if (codings.size() > 1) {
        throw new HttpParseException(
            501, "unsupported transfer coding \"" + codings.get(0) + "\"");
      }
      return CHUNKED;
    }
    return hasLength ? length(contentLength(headers)) : NONE;
  }

  /**
   * Returns the body of a response with {@code status} to a {@code method} request: none after
   * HEAD and for 1xx, 204 and 304; a switch for 101 and a 2xx to CONNECT; then as for a request,
   * except that a response with neither field, or with transfer codings that do not end with
   * chunked, runs until the connection closes.
   *
   * @throws HttpParseException with 400 for Transfer-Encoding in HTTP/1.0 or with
   *     Content-Length, chunked applied twice, or an invalid or ambiguous Content-Length
   */
  static Body response(HttpMethod method, int status, HttpVersion version, Headers headers) {
    if (status == 101 || (status / 100 == 2 && method.equals(HttpMethod.CONNECT))) {
      return SWITCH;
    }
    if (status < 200 || status == 204 || status == 304 || method.equals(HttpMethod.HEAD)) {
      return NONE;
    }
    boolean hasLength = headers.contains("Content-Length");
    if (headers.contains("Transfer-Encoding")) {
      if (version == HttpVersion.HTTP_1_0) {
        throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 message");
      }
      if (hasLength) {
        throw new HttpParseException(400, "both Content-Length and Transfer-Encoding");
      }
      List<String> codings = codings(headers);
      if (!isChunked(codings.get(codings.size() - 1))) {
        return UNTIL_CLOSE;
      }
      checkChunkedOnce(codings);
      return CHUNKED;
    }
    return hasLength ? length(contentLength(headers)) : UNTIL_CLOSE;
  }

  /**
   * Checks the {@code Host} fields of a request (RFC 9112 section 3.2): exactly one in HTTP/1.1,
   * at most one in HTTP/1.0, holding {@code host[:port]}.
   *
   * @throws HttpParseException with 400 otherwise
   */
  static void checkHost(HttpVersion version, Headers headers) {
    int host = headers.indexOf("Host", 0);
    if (host >= 0 && headers.indexOf("Host", host + 1) >= 0) {
      throw new HttpParseException(400, "more than one Host field");
    }
    if (host < 0) {
      if (version == HttpVersion.HTTP_1_1) {
        throw new HttpParseException(400, "missing Host field");
      }
      return;
    }
    String problem = Targets.hostProblem(headers.value(host));
    if (problem != null) {
      throw new HttpParseException(400, "invalid Host field: " + problem);
    }
  }

  /** Returns whether the connection persists after a message with {@code headers}. */
  static boolean keepAlive(HttpVersion version, Headers headers) {
    if (headers.containsToken("Connection", "close")) {
      return false;
    }
    return version == HttpVersion.HTTP_1_1 || headers.containsToken("Connection", "keep-alive");
  }

  private static Body length(long length) {
    return length == 0 ? NONE : new Body(Framing.CONTENT_LENGTH, length);
  }

  private static List<String> codings(Headers headers) {
    List<String> codings = new ArrayList<>(1);
    for (String value : headers.all("Transfer-Encoding")) {
      codings.addAll(Syntax.listElements(value));
    }
    if (codings.isEmpty()) {
      throw new HttpParseException(400, "empty Transfer-Encoding");
    }
    return codings;
  }

  private static void checkChunkedOnce(List<String> codings) {
    if (codings.stream().filter(FramingRules::isChunked).count() > 1) {
      throw new HttpParseException(400, "chunked applied more than once");
    }
  }

  private static boolean isChunked(String coding) {
    return Syntax.equalsIgnoreAsciiCase(coding, "chunked");
  }

  /**
   * Returns the value of the Content-Length fields: one or more lines, each a number or a list
   * of numbers, all equal (RFC 9110 section 8.6). A number is decimal digits only; one too large
   * for a {@code long} reads as {@link Long#MAX_VALUE}, larger than any body limit.
   */
  private static long contentLength(Headers headers) {
    long length = -1;
    for (int i = headers.indexOf("Content-Length", 0); i >= 0;
        i = headers.indexOf("Content-Length", i + 1)) {
      String value = headers.value(i);
      if (value.indexOf(',') < 0) {
        length = same(length, decimal(value));
        continue;
      }
      for (String element : value.split(",", -1)) {
        length = same(length, decimal(Syntax.trim(element)));
      }
    }
    return length;
  }

  /** Returns {@code n}, after checking that it is {@code length} unless that is -1 (unknown). */
  private static long same(long length, long n) {
    if (length >= 0 && n != length) {
      throw new HttpParseException(400, "Content-Length values differ");
    }
    return n;
  }

  private static long decimal(String digits) {
    if (digits.isEmpty()) {
      throw new HttpParseException(400, "empty Content-Length");
    }
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new HttpParseException(400, "Content-Length is not a decimal number");
      }
      n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
    }
    return n;
  }
}
