package dev.twine.web;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.UnixAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a {@link RequestLog.Entry} as a line of the Combined Log Format of Apache and NCSA, as
 * Twisted's {@code combinedLogFormatter} does:
 *
 * <pre>
 * 127.0.0.1 - - [23/Nov/2026:18:00:00 +0000] "GET / HTTP/1.1" 200 1234 "http://a/" "curl/8.5"
 * </pre>
 *
 * <p>The fields are the client's IP address ({@code -} over a UNIX socket), two {@code -} for
 * the unknown identity and user, when the request arrived in UTC, the request line ({@code -}
 * for input that was not a request), the status, the body bytes sent ({@code -} for none), and
 * the {@code Referer} and {@code User-Agent} headers ({@code -} when absent). In the quoted
 * fields, {@code "} and {@code \} are escaped with a backslash and control characters and bytes
 * past ASCII are written {@code \xhh}, so that a client cannot forge a line or a field.
 */
final class CombinedLogFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private CombinedLogFormat() {}

  /** Returns the line of {@code entry}, without a line terminator. */
  static String line(RequestLog.Entry entry) {
    StringBuilder line = new StringBuilder(160);
    line.append(switch (entry.client()) {
      case IPv4Address ip -> ip.host();
      case IPv6Address ip -> ip.host();
      case UnixAddress unix -> "-";
    });
    line.append(" - - [").append(TIME.format(entry.received())).append("] ");
    quoted(line, entry.requestLine()).append(' ').append(entry.status()).append(' ');
    line.append(entry.bodyBytes() == 0 ? "-" : Long.toString(entry.bodyBytes())).append(' ');
    quoted(line, entry.header("Referer").orElse("-")).append(' ');
    return quoted(line, entry.header("User-Agent").orElse("-")).toString();
  }

  private static StringBuilder quoted(StringBuilder line, String text) {
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        line.append(String.format(c > 0xff ? "\\u%04x" : "\\x%02x", (int) c));
      } else {
        line.append(c);
      }
    }
    return line.append('"');
  }
}
