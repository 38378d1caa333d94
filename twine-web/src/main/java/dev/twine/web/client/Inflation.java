package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * A deflate stream being inflated from queued input: what the gzip and deflate decoders share.
 * The input is handed to the {@link Inflater} a slice at a time; what follows the end of the
 * stream stays queued.
 */
final class Inflation {
  private static final int SLICE = 16 * 1024;

  private final Buffer queue;
  private final Inflater inflater;
  private byte[] slice = new byte[0];
  private boolean ended;

  /** Starts inflating {@code queue}; {@code raw} for a deflate stream without zlib wrapping. */
  Inflation(Buffer queue, boolean raw) {
    this.queue = queue;
    this.inflater = new Inflater(raw);
  }

  /**
   * Returns up to {@code max} inflated bytes, or null if the inflater needs input that has not
   * arrived, or the stream has finished. {@code observer} sees each piece before it is returned.
   *
   * @throws DataFormatException if the stream is invalid or needs a preset dictionary
   */
  @Nullable Bytes inflate(int max, Consumer<byte[]> observer)
      throws DataFormatException {
    byte[] out = new byte[max];
    while (!ended && !inflater.finished()) {
      if (inflater.needsInput()) {
        if (queue.isEmpty()) {
          return null;
        }
        slice = queue.readBytes(Math.min(queue.size(), SLICE)).toByteArray();
        inflater.setInput(slice);
      }
      int n = inflater.inflate(out);
      if (n > 0) {
        byte[] piece = n == max ? out : Arrays.copyOf(out, n);
        observer.accept(piece);
        return Bytes.wrap(piece);
      }
      if (inflater.needsDictionary()) {
        throw new DataFormatException("the deflate stream needs a preset dictionary");
      }
    }
    return null;
  }

  /** Returns whether the end of the deflate stream has been reached. */
  boolean finished() {
    return ended || inflater.finished();
  }

  /**
   * Puts the input that followed the end of the stream back in front of the queue, and releases
   * the inflater. Idempotent.
   */
  void end() {
    if (ended) {
      return;
    }
    ended = true;
    int rest = inflater.getRemaining();
    inflater.end();
    if (rest > 0) {
      Bytes after = Bytes.copyOf(slice, slice.length - rest, rest);
      Bytes queued = queue.readAll();
      queue.write(after).write(queued);
    }
  }
}
