package dev.twine.internet;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One side of a connection as its {@link Protocol} sees it: writes, closing, addresses and flow
 * control (Twisted's {@code ITransport} with {@code IConsumer} and {@code IPushProducer}).
 *
 * <p>Writing only queues: the reactor sends everything written during one dispatch together, once
 * the protocol's callback returns. Pausing the transport ({@link #pauseProducing}) stops reading
 * from the peer; that is how a protocol applies backpressure to it.
 *
 * <p>Threading: use a transport only on its reactor's thread. To write from another thread, hand
 * the work over with the reactor's {@code callFromThread}.
 *
 * <p>Files: {@link #writeFile} queues a region of a file like any other write. A plain TCP or
 * UNIX connection of the NIO reactor sends it with {@link FileChannel#transferTo}, straight from
 * the file system to the socket (zero-copy); other transports, such as TLS, read it into memory
 * and write those bytes.
 */
public interface Transport extends Consumer, PushProducer {

  /**
   * Writes the remaining bytes of {@code data}, from its position to its limit, after everything
   * written before, and returns once the transport no longer needs {@code data}: its position is
   * then at its limit, and the caller may refill it.
   *
   * <p>This default copies the bytes and queues them with {@link #write(Bytes)}. A plain TCP or
   * UNIX connection of the NIO reactor that has nothing queued sends a buffer of 4 KiB or more at
   * once instead, as much as the kernel takes (as asyncio's {@code write} does), and copies only
   * the rest: a relay that passes on a direct buffer it was lent ({@link ByteBufferProtocol})
   * copies nothing. Smaller buffers are queued, so that the small writes of one dispatch still go
   * out together.
   *
   * <p>Like {@code write(Bytes)}, it does nothing once the transport no longer writes; the bytes
   * are consumed all the same.
   */
  default void write(ByteBuffer data) {
    write(Bytes.copyOf(data));
  }

  /** Queues every item of {@code data} in order, as one write each would. */
  default void writeSequence(List<Bytes> data) {
    for (Bytes item : data) {
      write(item);
    }
  }

  /**
   * Queues {@code count} bytes of {@code file} from {@code position}, after what is already
   * queued, and returns a Deferred that fires with {@code null} once the transport no longer
   * needs the file for them. The file must stay open until then; the transport never closes it.
   *
   * <p>The region counts toward the transport's buffer as the same bytes written with {@link
   * #write} would, so a registered producer is paused and resumed the same way. A plain socket
   * connection sends it without copying it through the heap and fires the Deferred once the
   * kernel has taken the last byte; this default, for transports that must see the bytes (TLS,
   * the test kit), reads the region at once with positional reads, writes it, and fires at
   * once. Either way the file is read on the reactor thread, so it should be on a local disk;
   * write a large file from a producer, in slices of a few hundred KiB to a transport that
   * copies ({@link #sendsFilesDirectly} tells), so that it holds at most a slice of it.
   *
   * <p>If the file cannot be read, or ends before the region does, the peer could no longer
   * tell which bytes are missing: the connection is aborted and the Deferred fails with the
   * {@link IOException} ({@link EOFException} for a file that got shorter). If the connection
   * ends before the region is sent, the Deferred fails with the reason it ended. A transport
   * that no longer writes (after {@link #abortConnection}, or once its connection has ended)
   * drops the region as {@code write} drops bytes, and the Deferred fires at once.
   *
   * @throws IllegalArgumentException if {@code position} or {@code count} is negative, or, for
   *     a transport that copies, {@code count} is more than an array holds
   */
  default Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    Objects.requireNonNull(file, "file");
    checkRegion(position, count);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a region read into memory must be under 2 GiB; write it in slices: " + count);
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) count);
    try {
      while (buffer.hasRemaining()) {
        if (file.read(buffer, position + buffer.position()) < 0) {
          throw new EOFException("the file ended " + (count - buffer.position())
              + " bytes before the region of " + count + " bytes from " + position);
        }
      }
    } catch (IOException e) {
      abortConnection();
      return Deferred.fail(e);
    }
    write(Bytes.wrap(buffer.array()));
    return Deferred.succeed(null);
  }

  /**
   * Returns whether {@link #writeFile} sends regions straight from the file system to the peer
   * without reading them into memory, so that a region of any size holds no memory while it
   * waits: true for a plain TCP or UNIX connection of the NIO reactor with no layer inserted.
   * This default returns false, for transports that copy; a writer then hands a large file over
   * in slices from a producer. The answer can change when a layer such as TLS is inserted, so ask
   * before each call.
   */
  default boolean sendsFilesDirectly() {
    return false;
  }

  /**
   * Checks the region of a {@link #writeFile} call, as every implementation must.
   *
   * @throws IllegalArgumentException if {@code position} or {@code count} is negative
   */
  static void checkRegion(long position, long count) {
    if (position < 0 || count < 0) {
      throw new IllegalArgumentException(
          "a file region needs a position and a count of 0 or more: " + position + ", " + count);
    }
  }

  /**
   * Closes the connection once everything queued has been written, and the registered producer,
   * if any, has unregistered. The protocol then gets {@code connectionLost} with
   * {@link ConnectionDone}. Idempotent.
   */
  void loseConnection();

  /**
   * Closes the connection now, dropping whatever is queued. The protocol gets
   * {@code connectionLost} with {@link ConnectionAborted}. Idempotent.
   */
  void abortConnection();

  /**
   * Returns whether {@link #loseConnection} or {@link #abortConnection} has been called, or the
   * connection has ended: protocols stop handing out further input then (Twisted's
   * {@code transport.disconnecting}).
   */
  default boolean disconnecting() {
    return false;
  }

  /** Returns the address of the other end. */
  Address peer();

  /** Returns the address of this end. */
  Address host();

  /** Returns whether the connection is encrypted and authenticated (TLS). */
  default boolean secure() {
    return false;
  }
}
