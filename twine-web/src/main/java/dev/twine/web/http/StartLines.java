package dev.twine.web.http;

import dev.twine.bytes.Bytes;

/**
 * Parses the first line of a message (RFC 9112 sections 3 and 4): single spaces between the
 * parts, a case-sensitive {@code HTTP/x.y}, nothing else.
 */
final class StartLines {
  private static final Bytes HTTP_SLASH = Bytes.ascii("HTTP/");
  private static final Bytes HTTP2_PREFACE = Bytes.ascii("PRI * HTTP/2.0");

  /** A parsed request line. */
  record RequestLine(HttpMethod method, String target, HttpVersion version) {}

  /** A parsed status line. */
  record StatusLine(HttpVersion version, int status, String reason) {}

  private StartLines() {}

  /**
   * Parses {@code method SP request-target SP HTTP-version}.
   *
   * @throws HttpParseException with 505 for a version other than HTTP/1.x (among them the
   *     HTTP/2 connection preface), 400 for anything else that is not a valid request line
   */
  static RequestLine request(Bytes line) {
    int sp1 = line.indexOf(Syntax.SP);
    if (sp1 <= 0) {
      throw new HttpParseException(400, sp1 == 0
          ? "request line starts with whitespace" : "request line without a target");
    }
    int sp2 = line.indexOf(Syntax.SP, sp1 + 1);
    if (sp2 < 0) {
      throw new HttpParseException(400, "request line without an HTTP version");
    }
    if (line.equals(HTTP2_PREFACE)) {
      throw new HttpParseException(505, "HTTP/2 connection preface; only HTTP/1.x is served");
    }
    HttpVersion version = version(line, sp2 + 1, line.size());
    HttpMethod method = method(line, sp1);
    String target = FieldReader.latin1(line, sp1 + 1, sp2);
    String problem = Targets.problem(method, target);
    if (problem != null) {
      throw new HttpParseException(400, problem);
    }
    return new RequestLine(method, target, version);
  }

  /**
   * Parses {@code HTTP-version SP status-code SP reason-phrase}; a line that ends after the
   * status code is accepted too, as its reason is empty anyway.
   *
   * @throws HttpParseException with 505 for a version other than HTTP/1.x, 400 for anything
   *     else that is not a valid status line
   */
  static StatusLine status(Bytes line) {
    int n = line.size();
    if (n < 12 || line.get(8) != Syntax.SP || (n > 12 && line.get(12) != Syntax.SP)) {
      throw new HttpParseException(400, "malformed status line");
    }
    HttpVersion version = version(line, 0, 8);
    int status = 0;
    for (int i = 9; i < 12; i++) {
      int c = line.getUnsigned(i);
      if (c < '0' || c > '9') {
        throw new HttpParseException(400, "status code is not three digits");
      }
      status = status * 10 + c - '0';
    }
    if (status < 100 || status > 599) {
      throw new HttpParseException(400, "status code out of range: " + status);
    }
    for (int i = 13; i < n; i++) {
      if (!Syntax.isFieldContent(line.getUnsigned(i))) {
        throw new HttpParseException(400, "control byte in the reason phrase");
      }
    }
    String reason = n > 13 ? FieldReader.latin1(line, 13, n) : "";
    return new StatusLine(version, status, reason);
  }

  /** Parses {@code "HTTP/" DIGIT "." DIGIT} at {@code line[from, to)}. */
  private static HttpVersion version(Bytes line, int from, int to) {
    if (to - from != 8 || !startsWith(line, from, HTTP_SLASH) || !isDigit(line.get(from + 5))
        || line.get(from + 6) != '.' || !isDigit(line.get(from + 7))) {
      throw new HttpParseException(400, "malformed HTTP version");
    }
    if (line.get(from + 5) != '1') {
      throw new HttpParseException(505, line.slice(from, to).ascii() + " is not supported");
    }
    return line.get(from + 7) == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
  }

  /** Returns whether {@code line} holds {@code prefix} at {@code from}. */
  private static boolean startsWith(Bytes line, int from, Bytes prefix) {
    for (int i = 0; i < prefix.size(); i++) {
      if (line.get(from + i) != prefix.get(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Returns the method in {@code line[0, end)}: a constant if it is one, else a new one. */
  private static HttpMethod method(Bytes line, int end) {
    for (HttpMethod known : HttpMethod.KNOWN) {
      if (KnownNames.spells(line, 0, end, known.name())) {
        return known;
      }
    }
    for (int i = 0; i < end; i++) {
      int c = line.getUnsigned(i);
      if (!Syntax.isTchar(c)) {
        throw new HttpParseException(
            400, String.format("byte 0x%02x is not allowed in a method", c));
      }
    }
    return new HttpMethod(FieldReader.latin1(line, 0, end));
  }
}
