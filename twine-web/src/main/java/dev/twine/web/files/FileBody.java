package dev.twine.web.files;

import dev.twine.bytes.Bytes;
import dev.twine.internet.PushProducer;
import dev.twine.web.Request;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The body of a file response: literal bytes and regions of an open file, written to the request
 * in order by a push producer, the regions with {@link Request#writeFile}. A connection that
 * {@linkplain Request#sendsFilesDirectly sends files directly} takes each region whole, to be
 * sent with as few system calls as the kernel allows; one that copies takes slices of {@link
 * #SLICE} bytes. The connection pauses the producer while the client reads slower than the file
 * is sent, so memory stays bounded whatever the size of the file.
 *
 * <p>It owns the file: the file is closed once the body is done or stopped and every slice
 * written has been let go by the connection.
 */
final class FileBody implements PushProducer {
  /** The most bytes of the file handed at once to a connection that copies them. */
  static final long SLICE = 256 * 1024;
  private static final System.Logger LOG = System.getLogger(FileResource.class.getName());

  /** A part of a body. */
  sealed interface Piece {}

  /** Bytes written as they are, such as the head of a part of {@code multipart/byteranges}. */
  record Literal(Bytes bytes) implements Piece {}

  /** {@code count} bytes of the file from {@code position}. */
  record Region(long position, long count) implements Piece {}

  private final Request request;
  private final FileChannel file;
  private final List<Piece> pieces;
  private int next;
  private long offset;
  private int outstanding;
  private boolean paused;
  private boolean producing;
  private boolean done;
  private boolean stopped;
  private boolean closed;

  private FileBody(Request request, FileChannel file, List<Piece> pieces) {
    this.request = request;
    this.file = file;
    this.pieces = List.copyOf(pieces);
  }

  /**
   * Sends {@code pieces} of {@code file} as the body of {@code request}, whose headers are set,
   * and finishes it; the file is closed when the body no longer needs it.
   */
  static void send(Request request, FileChannel file, List<Piece> pieces) {
    request.registerProducer(new FileBody(request, file, pieces), true);
  }

  @Override
  public void pauseProducing() {
    paused = true;
  }

  @Override
  public void resumeProducing() {
    paused = false;
    produce();
  }

  @Override
  public void stopProducing() {
    stopped = true;
    closeIfUnused();
  }

  private void produce() {
    if (producing) {
      return;
    }
    producing = true;
    try {
      while (!paused && !stopped && next < pieces.size()) {
        switch (pieces.get(next)) {
          case Literal literal -> {
            next++;
            request.write(literal.bytes());
          }
          case Region region -> writeSlice(region);
        }
      }
      if (next == pieces.size() && !stopped && !done) {
        done = true;
        request.unregisterProducer();
        request.finish();
        closeIfUnused();
      }
    } finally {
      producing = false;
    }
  }

  private void writeSlice(Region region) {
    long left = region.count() - offset;
    long count = request.sendsFilesDirectly() ? left : Math.min(SLICE, left);
    long position = region.position() + offset;
    offset += count;
    if (offset == region.count()) {
      next++;
      offset = 0;
    }
    outstanding++;
    request.writeFile(file, position, count).transform(outcome -> {
      outstanding--;
      closeIfUnused();
      return null;
    });
  }

  private void closeIfUnused() {
    if ((done || stopped) && outstanding == 0 && !closed) {
      closed = true;
      try {
        file.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing a file served to " + request + " failed", e);
      }
    }
  }
}
