package dev.twine.internet.nio;

import dev.twine.defer.Deferred;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * A region of a file waiting in a {@link StreamConnection}'s queue, sent with {@link
 * FileChannel#transferTo} (sendfile on Linux) when its turn comes, and the Deferred of the
 * {@code writeFile} call that queued it.
 */
final class FileRegion {
  private final FileChannel file;
  private final long count;
  private final Deferred<@Nullable Void> sent = new Deferred<>();
  private long position;
  private long remaining;

  FileRegion(FileChannel file, long position, long count) {
    this.file = file;
    this.position = position;
    this.count = count;
    this.remaining = count;
  }

  /** Returns the Deferred that fires once the region is sent, or fails if it never will be. */
  Deferred<@Nullable Void> sent() {
    return sent;
  }

  /** Returns how many bytes are left to send. */
  long remaining() {
    return remaining;
  }

  /**
   * Sends as much of what is left as {@code socket} takes now and returns how many bytes that
   * was; 0 when the kernel takes nothing.
   *
   * @throws EOFException if the file ends before the region does
   * @throws IOException if reading the file or writing the socket fails
   */
  long transferTo(WritableByteChannel socket) throws IOException {
    long done = file.transferTo(position, remaining, socket);
    if (done == 0 && position >= file.size()) {
      throw new EOFException("the file ended " + remaining + " bytes before the region of "
          + count + " bytes it was to send");
    }
    position += done;
    remaining -= done;
    return done;
  }
}
