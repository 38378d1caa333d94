package dev.twine.web.http;

import dev.twine.bytes.Bytes;

/**
 * Parses the line that starts a chunk (RFC 9112 section 7.1): {@code chunk-size [chunk-ext]}.
 * The size is hex digits only: no sign, no {@code 0x}, no whitespace before it. Extensions are
 * checked against their grammar and dropped, as a recipient that does not know them must.
 */
final class ChunkLine {
  private ChunkLine() {}

  /**
   * Returns the chunk size that {@code line} (without its CRLF) gives.
   *
   * @throws HttpParseException with 400 if the size is missing, not plain hex or longer than
   *     {@code maxDigits}, or the extensions are longer than {@code maxExtensions} bytes or do not
   *     follow {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}
   */
  static long size(Bytes line, int maxDigits, int maxExtensions) {
    int n = line.size();
    int i = 0;
    long size = 0;
    for (; i < n && Syntax.isHex(line.getUnsigned(i)); i++) {
      if (i == maxDigits) {
        throw new HttpParseException(400, "chunk size has more than " + maxDigits + " digits");
      }
      size = size << 4 | Syntax.hexValue(line.getUnsigned(i));
    }
    int next = i < n ? line.getUnsigned(i) : ';';
    if (i == 0 || (next != ';' && !Syntax.isWhitespace(next))) {
      throw new HttpParseException(400, "chunk size is not a hex number");
    }
    if (n - i > maxExtensions) {
      throw new HttpParseException(
          400, "chunk extensions longer than " + maxExtensions + " bytes");
    }
    checkExtensions(line, i);
    return size;
  }

  private static void checkExtensions(Bytes line, int from) {
    int n = line.size();
    int i = from;
    while (i < n) {
      i = skipWhitespace(line, i);
      if (i == n || line.getUnsigned(i) != ';') {
        throw badExtension();
      }
      i = skipWhitespace(line, i + 1);
      int nameEnd = skipToken(line, i);
      if (nameEnd == i) {
        throw badExtension();
      }
      i = nameEnd;
      int equals = skipWhitespace(line, i);
      if (equals < n && line.getUnsigned(equals) == '=') {
        i = skipWhitespace(line, equals + 1);
        i = i < n && line.getUnsigned(i) == '"' ? skipQuoted(line, i) : skipValueToken(line, i);
      }
    }
  }

  private static int skipValueToken(Bytes line, int from) {
    int end = skipToken(line, from);
    if (end == from) {
      throw badExtension();
    }
    return end;
  }

  /** Returns the index after the quoted string that opens at {@code from}. */
  private static int skipQuoted(Bytes line, int from) {
    int n = line.size();
    for (int i = from + 1; i < n; i++) {
      int c = line.getUnsigned(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        i++;
        if (i == n || !Syntax.isFieldContent(line.getUnsigned(i))) {
          throw badExtension();
        }
      } else if (!Syntax.isFieldContent(c)) {
        throw badExtension();
      }
    }
    throw badExtension();
  }

  private static int skipWhitespace(Bytes line, int from) {
    int i = from;
    while (i < line.size() && Syntax.isWhitespace(line.getUnsigned(i))) {
      i++;
    }
    return i;
  }

  private static int skipToken(Bytes line, int from) {
    int i = from;
    while (i < line.size() && Syntax.isTchar(line.getUnsigned(i))) {
      i++;
    }
    return i;
  }

  private static HttpParseException badExtension() {
    return new HttpParseException(400, "malformed chunk extension");
  }
}
