package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Writes start lines and field sections into one exactly sized array each. The status lines of
 * HTTP/1.1 with their standard reasons are encoded once, ahead of time.
 *
 * <p>Every string written has been checked to hold characters up to U+00FF only, which are
 * written as the byte of the same value.
 */
final class HeadEncoder {
  private static final byte[][] STATUS_LINES = new byte[600][];
  private static final Bytes LAST_CHUNK = Bytes.ascii("0\r\n\r\n");

  static {
    for (int status = 100; status < STATUS_LINES.length; status++) {
      String reason = Reasons.of(status);
      if (!reason.isEmpty()) {
        STATUS_LINES[status] = ("HTTP/1.1 " + status + " " + reason + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }

  private HeadEncoder() {}

  /** Returns {@code method SP target SP version CRLF}, the fields and the empty line. */
  static Bytes request(RequestHead head) {
    String method = head.method().name();
    String version = head.version().toString();
    int lineLength = method.length() + head.target().length() + version.length() + 4;
    byte[] out = new byte[lineLength + fieldsLength(head.headers())];
    int at = put(method, out, 0);
    out[at++] = ' ';
    at = put(head.target(), out, at);
    out[at++] = ' ';
    at = put(version, out, at);
    out[at++] = '\r';
    out[at++] = '\n';
    putFields(head.headers(), out, at);
    return Bytes.wrap(out);
  }

  /** Returns {@code version SP status SP reason CRLF}, the fields and the empty line. */
  static Bytes response(ResponseHead head) {
    byte[] line = head.version() == HttpVersion.HTTP_1_1
        && head.reason().equals(Reasons.of(head.status())) ? STATUS_LINES[head.status()] : null;
    if (line == null) {
      line = (head.version() + " " + head.status() + " " + head.reason() + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
    }
    byte[] out = new byte[line.length + fieldsLength(head.headers())];
    System.arraycopy(line, 0, out, 0, line.length);
    putFields(head.headers(), out, line.length);
    return Bytes.wrap(out);
  }

  /** Returns the last chunk, {@code 0 CRLF}, then the trailer fields and the empty line. */
  static Bytes lastChunk(Headers trailers) {
    if (trailers.isEmpty()) {
      return LAST_CHUNK;
    }
    byte[] out = new byte[3 + fieldsLength(trailers)];
    out[0] = '0';
    out[1] = '\r';
    out[2] = '\n';
    putFields(trailers, out, 3);
    return Bytes.wrap(out);
  }

  /** Returns {@code size} in hex and CRLF: the line that opens a chunk. */
  static Bytes chunkSize(int size) {
    return Bytes.ascii(Integer.toHexString(size) + "\r\n");
  }

  /** Returns the length of the field lines and the empty line after them. */
  private static int fieldsLength(Headers headers) {
    int length = 2;
    for (int i = 0; i < headers.size(); i++) {
      length += headers.name(i).length() + headers.value(i).length() + 4;
    }
    return length;
  }

  private static void putFields(Headers headers, byte[] out, int from) {
    int at = from;
    for (int i = 0; i < headers.size(); i++) {
      at = put(headers.name(i), out, at);
      out[at++] = ':';
      out[at++] = ' ';
      at = put(headers.value(i), out, at);
      out[at++] = '\r';
      out[at++] = '\n';
    }
    out[at++] = '\r';
    out[at] = '\n';
  }

  /**
   * Writes each character of {@code s} as its low byte: exact here, as every character is at most
   * U+00FF. {@code String.getBytes(int, int, byte[], int)} does just that, with one array copy for
   * a Latin-1 string; it is deprecated only because it is wrong for other characters.
   */
  @SuppressWarnings("deprecation")
  private static int put(String s, byte[] out, int at) {
    s.getBytes(0, s.length(), out, at);
    return at + s.length();
  }
}
