package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads a header or trailer section (RFC 9112 section 5): field lines up to an empty line, each
 * checked and turned into a name string (a shared one for common names) and a value that becomes
 * a string when it is first read. Bytes above 0x7F in a value become the characters U+0080 to
 * U+00FF, so that they survive unchanged when the value is written again.
 */
final class FieldReader {
  private final int maxSize;
  private final int maxCount;
  private final String section;
  private final Input.LineLimit sizeLimit;
  /** The fields read so far of the section under way; null until its first field. */
  private @Nullable Headers fields;
  private int used;

  /**
   * Creates a reader of sections named {@code section}, such as "header section", within the
   * limits.
   */
  FieldReader(String section, int maxSize, int maxCount) {
    this.maxSize = maxSize;
    this.maxCount = maxCount;
    this.section = section;
    this.sizeLimit = new Input.LineLimit(431, section, "larger than", maxSize);
  }

  /**
   * Returns the fields once the empty line that ends the section has been read, or null if more
   * input is needed (what was read so far is kept).
   *
   * @throws HttpParseException with 431 if the section passes a limit, 400 if a line is not a
   *     valid field line
   */
  @Nullable Headers read(Input input) {
    while (true) {
      if (!input.nextLine(Math.max(0, maxSize - used - 2), sizeLimit)) {
        return null;
      }
      int from = input.lineFrom();
      int to = input.lineTo();
      Headers current = fields;
      if (from == to) {
        fields = null;
        used = 0;
        return current == null ? new Headers() : current;
      }
      used += to - from + 2;
      if ((current == null ? 0 : current.size()) == maxCount) {
        throw new HttpParseException(
            431, "more than " + maxCount + " fields in the " + section);
      }
      if (current == null) {
        current = new Headers();
        fields = current;
      }
      parse(input.lineBytes(), from, to, current);
    }
  }

  /**
   * Parses {@code field-name ":" OWS field-value OWS} in {@code line[from, n)}, which is not
   * empty, and appends the field.
   */
  private static void parse(Bytes line, int from, int n, Headers into) {
    if (Syntax.isWhitespace(line.getUnsigned(from))) {
      throw new HttpParseException(400, "field line starts with whitespace (obs-fold)");
    }
    int colon = from;
    for (; colon < n; colon++) {
      int c = line.getUnsigned(colon);
      if (c == ':') {
        break;
      }
      if (!Syntax.isTchar(c)) {
        throw new HttpParseException(400, Syntax.isWhitespace(c)
            ? "whitespace between a field name and its colon"
            : String.format("byte 0x%02x is not allowed in a field name", c));
      }
    }
    if (colon == n) {
      throw new HttpParseException(400, "field line without a colon");
    }
    if (colon == from) {
      throw new HttpParseException(400, "empty field name");
    }
    int start = colon + 1;
    int end = n;
    while (start < end && Syntax.isWhitespace(line.getUnsigned(start))) {
      start++;
    }
    while (end > start && Syntax.isWhitespace(line.getUnsigned(end - 1))) {
      end--;
    }
    for (int i = start; i < end; i++) {
      int c = line.getUnsigned(i);
      if (!Syntax.isFieldContent(c)) {
        throw new HttpParseException(400, badValueByte(c));
      }
    }
    into.append(KnownNames.name(line, from, colon), line.slice(start, end));
  }

  private static String badValueByte(int c) {
    return switch (c) {
      case Syntax.CR -> "bare CR in a field value";
      case 0 -> "NUL in a field value";
      default -> String.format("control byte 0x%02x in a field value", c);
    };
  }

  /** Returns {@code line[from, to)} as one character per byte. */
  static String latin1(Bytes line, int from, int to) {
    return line.slice(from, to).string(StandardCharsets.ISO_8859_1);
  }
}
