package dev.twine.web.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The character classes of RFC 9110 and RFC 3986 that the codec checks bytes and characters
 * against, and the few string helpers built on them. Every check takes a byte as a value from 0
 * to 255 or a {@code char}; anything above 255 belongs to no class.
 */
final class Syntax {
  static final byte CR = '\r';
  static final byte LF = '\n';
  static final byte SP = ' ';
  static final byte HTAB = '\t';

  private static final int TCHAR = 1;
  private static final int FIELD_VCHAR = 2;
  /** RFC 3986 unreserved and sub-delims: what a host name and a path segment share. */
  private static final int UNRESERVED_OR_SUB_DELIM = 4;
  private static final int HEX = 8;

  private static final byte[] CLASSES = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      boolean digit = c >= '0' && c <= '9';
      boolean alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      int classes = 0;
      if (digit || alpha || "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
        classes |= TCHAR;
      }
      if ((c >= 0x21 && c <= 0x7e) || c >= 0x80) {
        classes |= FIELD_VCHAR;
      }
      if (digit || alpha || "-._~!$&'()*+,;=".indexOf(c) >= 0) {
        classes |= UNRESERVED_OR_SUB_DELIM;
      }
      if (digit || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')) {
        classes |= HEX;
      }
      CLASSES[c] = (byte) classes;
    }
  }

  private Syntax() {}

  private static boolean is(int c, int kind) {
    return c < 256 && (CLASSES[c] & kind) != 0;
  }

  /** Returns whether {@code c} may appear in a token: a method, a field name, a coding. */
  static boolean isTchar(int c) {
    return is(c, TCHAR);
  }

  /** Returns whether {@code c} may appear in a field value: visible, obs-text, SP or HTAB. */
  static boolean isFieldContent(int c) {
    return c == SP || c == HTAB || is(c, FIELD_VCHAR);
  }

  /** Returns whether {@code c} is a visible character or obs-text (RFC 9110 VCHAR / obs-text). */
  static boolean isVisible(int c) {
    return is(c, FIELD_VCHAR);
  }

  /** Returns whether {@code c} is an RFC 3986 unreserved or sub-delims character. */
  static boolean isUnreservedOrSubDelim(int c) {
    return is(c, UNRESERVED_OR_SUB_DELIM);
  }

  /** Returns whether {@code c} is a hex digit, in either case. */
  static boolean isHex(int c) {
    return is(c, HEX);
  }

  /** Returns whether {@code c} is SP or HTAB, the optional whitespace of RFC 9110. */
  static boolean isWhitespace(int c) {
    return c == SP || c == HTAB;
  }

  /** Returns the value of the hex digit {@code c}, which {@link #isHex} accepts. */
  static int hexValue(int c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  }

  /** Returns the index of the first character of {@code s} that is not a tchar, or -1. */
  static int firstNonToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isTchar(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Returns whether {@code a} and {@code b} are equal with ASCII letters folded to lower case. */
  static boolean equalsIgnoreAsciiCase(String a, String b) {
    if (a == b) {
      return true;
    }
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code c} folded to lower case if it is an ASCII capital, else {@code c} itself. */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
  }

  /**
   * Returns the elements of a comma-separated field value (RFC 9110 section 5.6.1), each with
   * its surrounding whitespace removed; empty elements are left out, as the RFC asks.
   */
  static List<String> listElements(String value) {
    List<String> elements = new ArrayList<>(2);
    int start = 0;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String element = trim(value.substring(start, end));
      if (!element.isEmpty()) {
        elements.add(element);
      }
      start = end + 1;
    }
    return elements;
  }

  /** Returns {@code s} without the SP and HTAB at either end. */
  static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }
}
