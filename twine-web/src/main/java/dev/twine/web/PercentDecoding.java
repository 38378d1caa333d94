package dev.twine.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Decodes percent-encoded UTF-8 (RFC 3986 section 2.1) in paths and query strings. */
final class PercentDecoding {
  private PercentDecoding() {}

  /**
   * Returns {@code s} decoded, or null if its bytes are not UTF-8. Every {@code %} must start a
   * valid escape, as the request parser has checked for paths.
   */
  static @Nullable String strict(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(s, false)))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Returns {@code s} decoded as a form value is: {@code +} stands for a space, a {@code %} that
   * starts no valid escape stands for itself, and bytes that are not UTF-8 become U+FFFD.
   */
  static String lenient(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    return new String(bytes(s, true), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s, boolean plusIsSpace) {
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int high;
      int low;
      if (c == '%' && i + 2 < s.length() && (high = hex(s.charAt(i + 1))) >= 0
          && (low = hex(s.charAt(i + 2))) >= 0) {
        out[n++] = (byte) (high << 4 | low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out[n++] = ' ';
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        int codePoint = s.codePointAt(i);
        byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(encoded, 0, out, n, encoded.length);
        n += encoded.length;
        i += Character.charCount(codePoint) - 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
