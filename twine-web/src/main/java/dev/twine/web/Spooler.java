package dev.twine.web;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Gathers content as it arrives into {@link SpooledBytes}: in memory up to a threshold, then in
 * a new temporary file, which it names to its owner as soon as it exists so that the owner can
 * delete it.
 *
 * <p>The file is written on the calling thread, the reactor's, as Twisted writes its upload
 * files: spool to a local disk. Failures of the file system are thrown as {@link
 * UncheckedIOException}.
 */
final class Spooler {
  private final UploadOptions options;
  private final Consumer<Path> created;
  private final Buffer memory = new Buffer();
  private @Nullable FileChannel channel;
  private @Nullable Path file;
  private long size;

  /** Creates a spooler that follows {@code options} and tells {@code created} of its file. */
  Spooler(UploadOptions options, Consumer<Path> created) {
    this.options = options;
    this.created = created;
  }

  /** Returns how many bytes have been written. */
  long size() {
    return size;
  }

  void write(Bytes data) {
    size += data.size();
    FileChannel out = channel;
    if (out == null) {
      if (memory.size() + data.size() <= options.memoryThreshold()) {
        memory.write(data);
        return;
      }
      out = open();
      writeFully(out, memory.readAll());
    }
    writeFully(out, data);
  }

  /** Returns what was written; the file, if any, is closed. */
  SpooledBytes finish() {
    FileChannel out = channel;
    if (out == null) {
      return SpooledBytes.inMemory(memory.readAll());
    }
    channel = null;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SpooledBytes.onFile(Objects.requireNonNull(file), size);
  }

  /** Gives the content up: the file, if any, is closed and deleted. */
  void discard() {
    memory.clear();
    FileChannel out = channel;
    channel = null;
    try {
      if (out != null) {
        out.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      System.getLogger(Spooler.class.getName()).log(System.Logger.Level.WARNING,
          "could not delete the temporary file " + file, e);
    }
  }

  private FileChannel open() {
    try {
      Path path = Files.createTempFile(options.tempDirectory(), "twine-upload-", ".tmp");
      file = path;
      created.accept(path);
      FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE);
      channel = out;
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeFully(FileChannel out, Bytes data) {
    ByteBuffer source = data.asReadOnlyByteBuffer();
    try {
      while (source.hasRemaining()) {
        out.write(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
