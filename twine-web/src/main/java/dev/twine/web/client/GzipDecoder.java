package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the {@code gzip} content coding (RFC 1952): each member's header, its deflate stream,
 * and its trailer, whose CRC-32 and length are checked. Members may follow one another, as
 * concatenated gzip files do.
 */
final class GzipDecoder implements Decoder {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private enum State { HEADER, BODY, TRAILER }

  private final Buffer queue = new Buffer();
  private final CRC32 crc = new CRC32();
  private State state = State.HEADER;
  private @Nullable Inflation inflation;
  private long memberSize;
  private boolean members;

  @Override
  public void feed(Bytes data) {
    queue.write(data);
  }

  @Override
  public @Nullable Bytes next(int max) throws DataFormatException {
    while (true) {
      switch (state) {
        case HEADER -> {
          int length = headerLength();
          if (length < 0) {
            return null;
          }
          queue.skip(length);
          crc.reset();
          memberSize = 0;
          inflation = new Inflation(queue, true);
          state = State.BODY;
        }
        case BODY -> {
          Inflation current = Objects.requireNonNull(inflation);
          Bytes piece = current.inflate(max, decoded -> {
            crc.update(decoded);
            memberSize += decoded.length;
          });
          if (piece != null) {
            return piece;
          }
          if (!current.finished()) {
            return null;
          }
          current.end();
          state = State.TRAILER;
        }
        case TRAILER -> {
          if (queue.size() < 8) {
            return null;
          }
          long expectedCrc = Integer.toUnsignedLong(Integer.reverseBytes(queue.readInt()));
          long expectedSize = Integer.toUnsignedLong(Integer.reverseBytes(queue.readInt()));
          if (expectedCrc != crc.getValue() || expectedSize != (memberSize & 0xFFFFFFFFL)) {
            throw new DataFormatException("gzip trailer does not match the data");
          }
          members = true;
          state = State.HEADER;
        }
      }
    }
  }

  @Override
  public boolean complete() {
    return state == State.HEADER && queue.isEmpty();
  }

  /**
   * Returns the length of the member header at the front of the queue, or -1 if it has not fully
   * arrived.
   *
   * @throws DataFormatException if it is not a gzip header with the deflate method
   */
  private int headerLength() throws DataFormatException {
    if (queue.size() < 10) {
      if (!queue.isEmpty() && queue.getUnsignedByte(0) != 0x1f) {
        throw notGzip();
      }
      return -1;
    }
    if (queue.getUnsignedByte(0) != 0x1f || queue.getUnsignedByte(1) != 0x8b) {
      throw notGzip();
    }
    if (queue.getUnsignedByte(2) != 8) {
      throw new DataFormatException("gzip member with an unknown compression method");
    }
    int flags = queue.getUnsignedByte(3);
    long at = 10;
    if ((flags & FEXTRA) != 0) {
      if (queue.size() < at + 2) {
        return -1;
      }
      at += 2 + (queue.getUnsignedByte(at) | queue.getUnsignedByte(at + 1) << 8);
    }
    for (int field : new int[] {FNAME, FCOMMENT}) {
      if ((flags & field) != 0) {
        long zero = queue.indexOf((byte) 0, at);
        if (zero < 0) {
          return -1;
        }
        at = zero + 1;
      }
    }
    if ((flags & FHCRC) != 0) {
      at += 2;
    }
    return queue.size() < at ? -1 : Math.toIntExact(at);
  }

  private DataFormatException notGzip() {
    return new DataFormatException(members
        ? "data after the end of the gzip stream" : "not a gzip stream");
  }
}
