package dev.twine.web.http;

import dev.twine.bytes.Bytes;

/**
 * The field names that browsers and servers send on almost every message, spelled as they send
 * them, so that the parser can return one shared string instead of making a new one for each.
 * A name spelled any other way is not found here and becomes a new string as usual.
 */
final class KnownNames {
  private static final String[] NAMES = {
    "Accept", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Age", "Authorization",
    "Cache-Control", "Connection", "Content-Encoding", "Content-Length", "Content-Type", "Cookie",
    "Date", "ETag", "Expect", "Expires", "Host", "If-Modified-Since", "If-None-Match",
    "Keep-Alive", "Last-Modified", "Location", "Origin", "Pragma", "Range", "Referer", "Server",
    "Set-Cookie", "Transfer-Encoding", "Upgrade", "Upgrade-Insecure-Requests", "User-Agent",
    "Vary", "X-Forwarded-For", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
    "Sec-Fetch-User", "Priority", "DNT", "TE", "Via",
    "accept", "accept-encoding", "accept-language", "authorization", "cache-control",
    "connection", "content-length", "content-type", "cookie", "host", "origin", "referer",
    "user-agent",
  };
  /** Open addressing over {@link #slot}; a power of two well above the number of names. */
  private static final String[] TABLE = new String[256];

  static {
    for (String name : NAMES) {
      int i = slot(name.length(), name.charAt(0), name.charAt(name.length() - 1));
      while (TABLE[i] != null) {
        i = (i + 1) & (TABLE.length - 1);
      }
      TABLE[i] = name;
    }
  }

  private KnownNames() {}

  private static int slot(int length, int first, int last) {
    return (length * 31 + first * 7 + last) & (TABLE.length - 1);
  }

  /** Returns {@code line[from, end)} as a string: a shared one if it is a known name. */
  static String name(Bytes line, int from, int end) {
    int i = slot(end - from, line.getUnsigned(from), line.getUnsigned(end - 1));
    for (String candidate = TABLE[i]; candidate != null; candidate = TABLE[i]) {
      if (spells(line, from, end, candidate)) {
        return candidate;
      }
      i = (i + 1) & (TABLE.length - 1);
    }
    return FieldReader.latin1(line, from, end);
  }

  /** Returns whether {@code line[from, end)} is exactly {@code name}. */
  static boolean spells(Bytes line, int from, int end, String name) {
    if (end - from != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (line.get(from + i) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
