package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.zip.DataFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the {@code deflate} content coding: a zlib stream (RFC 1950), as RFC 9110 defines it,
 * or a raw deflate stream, which some servers send instead; the first two bytes tell which.
 */
final class DeflateDecoder implements Decoder {
  private final Buffer queue = new Buffer();
  private @Nullable Inflation inflation;

  @Override
  public void feed(Bytes data) {
    queue.write(data);
  }

  @Override
  public @Nullable Bytes next(int max) throws DataFormatException {
    Inflation current = inflation;
    if (current == null) {
      if (queue.size() < 2) {
        return null;
      }
      current = new Inflation(queue, !zlibHeader(queue.getUnsignedByte(0), queue.getUnsignedByte(1)));
      inflation = current;
    }
    Bytes piece = current.inflate(max, decoded -> { });
    if (piece == null && current.finished()) {
      current.end();
      if (!queue.isEmpty()) {
        throw new DataFormatException("data after the end of the deflate stream");
      }
    }
    return piece;
  }

  @Override
  public boolean complete() {
    Inflation current = inflation;
    return current == null ? queue.isEmpty() : current.finished();
  }

  /** Returns whether two bytes open a zlib stream: method 8 and a header check that holds. */
  private static boolean zlibHeader(int cmf, int flg) {
    return (cmf & 0x0f) == 8 && (cmf << 8 | flg) % 31 == 0;
  }
}
