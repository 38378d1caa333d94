package dev.twine.web.websocket;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.zip.Deflater;

/** Small DEFLATE data that inflates to a great many zeros. */
final class CompressionBomb {
  private CompressionBomb() {}

  /**
   * Returns raw DEFLATE data that inflates to {@code mebibytes} MiB of zeros, ending on a sync
   * point as a permessage-deflate payload does. One MiB is compressed once, with a full flush that
   * makes it independent of what precedes it, and repeated: about 1 KiB per MiB.
   */
  static Bytes zeros(int mebibytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[1 << 20]);
    byte[] out = new byte[64 * 1024];
    int length = deflater.deflate(out, 0, out.length, Deflater.FULL_FLUSH);
    deflater.end();
    Buffer bomb = new Buffer();
    for (int i = 0; i < mebibytes; i++) {
      bomb.write(out, 0, length);
    }
    Bytes all = bomb.readAll();
    return all.slice(0, all.size() - MessageInflater.TAIL.size());
  }
}
