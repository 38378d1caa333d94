package dev.twine.web.files;

import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The body of a {@code 206} response with several ranges: {@code multipart/byteranges} (RFC
 * 9110 section 14.6), one part per range with its own {@code Content-Type} and {@code
 * Content-Range}, between boundaries made of random hexadecimal digits.
 *
 * @param contentType the value of the response's {@code Content-Type}
 * @param pieces the body: the head of each part, its region of the file, the closing boundary
 * @param length the length of the body, for {@code Content-Length}
 */
record MultipartRanges(String contentType, List<FileBody.Piece> pieces, long length) {

  /** Returns the body holding {@code ranges} of a file of {@code size} bytes and {@code type}. */
  static MultipartRanges of(List<ByteRange> ranges, String type, long size) {
    String boundary = "twine-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<FileBody.Piece> pieces = new ArrayList<>(ranges.size() * 2 + 1);
    long length = 0;
    for (int i = 0; i < ranges.size(); i++) {
      ByteRange range = ranges.get(i);
      Bytes head = latin1((i == 0 ? "" : "\r\n") + "--" + boundary + "\r\n"
          + "Content-Type: " + type + "\r\n"
          + "Content-Range: " + range.contentRange(size) + "\r\n\r\n");
      pieces.add(new FileBody.Literal(head));
      pieces.add(new FileBody.Region(range.first(), range.length()));
      length += head.size() + range.length();
    }
    Bytes end = latin1("\r\n--" + boundary + "--\r\n");
    pieces.add(new FileBody.Literal(end));
    length += end.size();
    return new MultipartRanges("multipart/byteranges; boundary=" + boundary, List.copyOf(pieces),
        length);
  }

  /** Returns a header section's text as bytes, one per character, as header fields are sent. */
  private static Bytes latin1(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
