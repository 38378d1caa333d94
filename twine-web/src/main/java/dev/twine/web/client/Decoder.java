package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import java.util.zip.DataFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Undoes one content coding, incrementally: compressed bytes go in with {@link #feed}, decoded
 * pieces of bounded size come out of {@link #next}, so a consumer that pauses stops the decoding
 * too.
 */
interface Decoder {

  /** Queues the next compressed bytes. */
  void feed(Bytes data);

  /**
   * Returns the next decoded piece, at most {@code max} bytes, or null if more input is needed.
   *
   * @throws DataFormatException if the input is not valid for the coding
   */
  @Nullable Bytes next(int max) throws DataFormatException;

  /** Returns whether the input fed so far is a whole encoded body, all of it decoded. */
  boolean complete();
}
