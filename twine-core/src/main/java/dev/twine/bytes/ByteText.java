package dev.twine.bytes;

/** The diagnostic text forms of byte content shared by {@link Bytes} and {@link Buffer}. */
final class ByteText {
  /** How many bytes {@link #quoted} shows before it cuts the text short. */
  static final int QUOTE_LIMIT = 64;

  /** How many bytes {@link #hexDump} shows before it cuts the dump short. */
  static final int DUMP_LIMIT = 512;

  private static final int DUMP_LINE = 16;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ByteText() {}

  /**
   * Returns up to {@link #QUOTE_LIMIT} bytes of the {@code length} bytes of {@code data} from
   * {@code offset} as a quoted, escaped string, followed by {@code ...} if {@code total}, the size
   * of the whole content, is more than what it shows.
   */
  static String quoted(byte[] data, int offset, int length, long total) {
    int shown = Math.min(length, QUOTE_LIMIT);
    StringBuilder out = new StringBuilder(shown + 8).append('"');
    for (int i = offset; i < offset + shown; i++) {
      appendEscaped(out, data[i]);
    }
    out.append('"');
    return total > shown ? out.append("...").toString() : out.toString();
  }

  private static void appendEscaped(StringBuilder out, byte b) {
    switch (b) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      default -> {
        if (isPrintable(b)) {
          out.append((char) b);
        } else {
          out.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
      }
    }
  }

  /**
   * Returns lines of {@code offset  hex bytes  |ascii|} for up to {@link #DUMP_LIMIT} bytes, each
   * ending with a newline, and then a line saying how many bytes were left out.
   */
  static String hexDump(byte[] data, int offset, int length) {
    int shown = Math.min(length, DUMP_LIMIT);
    StringBuilder out = new StringBuilder((shown / DUMP_LINE + 2) * 80);
    for (int line = 0; line < shown; line += DUMP_LINE) {
      appendDumpLine(out, data, offset + line, line, Math.min(DUMP_LINE, shown - line));
    }
    if (length > shown) {
      out.append("... ").append(length - shown).append(" more bytes\n");
    }
    return out.toString();
  }

  private static void appendDumpLine(StringBuilder out, byte[] data, int from, int index, int n) {
    out.append(String.format("%08x ", index));
    for (int i = 0; i < DUMP_LINE; i++) {
      out.append(i == DUMP_LINE / 2 ? "  " : " ");
      if (i < n) {
        byte b = data[from + i];
        out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      } else {
        out.append("  ");
      }
    }
    out.append("  |");
    for (int i = 0; i < n; i++) {
      byte b = data[from + i];
      out.append(isPrintable(b) ? (char) b : '.');
    }
    out.append("|\n");
  }

  private static boolean isPrintable(byte b) {
    return b >= 0x20 && b < 0x7f;
  }
}
