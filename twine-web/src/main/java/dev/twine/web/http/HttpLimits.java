package dev.twine.web.http;

/**
 * The bounds a parser holds a peer to, each with the status a request that passes it gets. A
 * value exactly at a limit is accepted; one byte (or field, or digit) more is refused.
 *
 * <pre>{@code
 * HttpLimits uploads = HttpLimits.DEFAULT.withMaxBodySize(1L << 30);
 * RequestParser parser = new RequestParser(uploads);
 * }</pre>
 *
 * @param maxStartLineLength the longest request line (414) or status line, CRLF not counted
 * @param maxHeaderSectionSize the most bytes of header field lines, each counted with its CRLF
 *     (431)
 * @param maxHeaderCount the most fields in a header section, and in a trailer section (431)
 * @param maxBodySize the most bytes of body, after removing the chunked coding (413)
 * @param maxChunkSizeDigits the most hex digits of a chunk size, leading zeros included (400);
 *     at most 15, so that every size fits a {@code long}
 * @param maxChunkExtensionLength the most bytes of chunk extensions after one chunk size (400)
 * @param maxTrailerSectionSize the most bytes of trailer field lines, each counted with its CRLF
 *     (431)
 */
public record HttpLimits(
    int maxStartLineLength,
    int maxHeaderSectionSize,
    int maxHeaderCount,
    long maxBodySize,
    int maxChunkSizeDigits,
    int maxChunkExtensionLength,
    int maxTrailerSectionSize) {

  /**
   * Limits fit for a server facing the internet: 8 KiB request line, 16 KiB and 100 header
   * fields, 16 MiB of body, 12 chunk-size digits, 1 KiB of chunk extensions, 8 KiB of trailers.
   */
  public static final HttpLimits DEFAULT =
      new HttpLimits(8192, 16384, 100, 16L * 1024 * 1024, 12, 1024, 8192);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a length, size or count is negative, the start line or
   *     header section limit is below 16 bytes, or the chunk-size digits are not from 1 to 15
   */
  public HttpLimits {
    atLeast("maxStartLineLength", maxStartLineLength, 16);
    atLeast("maxHeaderSectionSize", maxHeaderSectionSize, 16);
    atLeast("maxHeaderCount", maxHeaderCount, 0);
    atLeast("maxBodySize", maxBodySize, 0);
    atLeast("maxChunkExtensionLength", maxChunkExtensionLength, 0);
    atLeast("maxTrailerSectionSize", maxTrailerSectionSize, 0);
    if (maxChunkSizeDigits < 1 || maxChunkSizeDigits > 15) {
      throw new IllegalArgumentException(
          "maxChunkSizeDigits must be from 1 to 15: " + maxChunkSizeDigits);
    }
  }

  private static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
    }
  }

  /** Returns these limits with another longest start line. */
  public HttpLimits withMaxStartLineLength(int length) {
    return new HttpLimits(length, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
        maxChunkSizeDigits, maxChunkExtensionLength, maxTrailerSectionSize);
  }

  /** Returns these limits with another largest header section. */
  public HttpLimits withMaxHeaderSectionSize(int size) {
    return new HttpLimits(maxStartLineLength, size, maxHeaderCount, maxBodySize,
        maxChunkSizeDigits, maxChunkExtensionLength, maxTrailerSectionSize);
  }

  /** Returns these limits with another largest number of fields per section. */
  public HttpLimits withMaxHeaderCount(int count) {
    return new HttpLimits(maxStartLineLength, maxHeaderSectionSize, count, maxBodySize,
        maxChunkSizeDigits, maxChunkExtensionLength, maxTrailerSectionSize);
  }

  /** Returns these limits with another largest body. */
  public HttpLimits withMaxBodySize(long size) {
    return new HttpLimits(maxStartLineLength, maxHeaderSectionSize, maxHeaderCount, size,
        maxChunkSizeDigits, maxChunkExtensionLength, maxTrailerSectionSize);
  }

  /** Returns these limits with another largest number of chunk-size digits. */
  public HttpLimits withMaxChunkSizeDigits(int digits) {
    return new HttpLimits(maxStartLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
        digits, maxChunkExtensionLength, maxTrailerSectionSize);
  }

  /** Returns these limits with another longest run of chunk extensions. */
  public HttpLimits withMaxChunkExtensionLength(int length) {
    return new HttpLimits(maxStartLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
        maxChunkSizeDigits, length, maxTrailerSectionSize);
  }

  /** Returns these limits with another largest trailer section. */
  public HttpLimits withMaxTrailerSectionSize(int size) {
    return new HttpLimits(maxStartLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
        maxChunkSizeDigits, maxChunkExtensionLength, size);
  }
}
