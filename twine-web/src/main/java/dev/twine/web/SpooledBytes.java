package dev.twine.web;

import dev.twine.bytes.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The content of an uploaded file or a request body, held in memory while small and in a
 * temporary file past a threshold (as Python's {@code SpooledTemporaryFile}); what {@link
 * Request#spooledContent} and {@link UploadedFile#content()} give.
 *
 * <pre>{@code
 * request.spooledContent(UploadOptions.DEFAULT).map(body -> {
 *   body.saveTo(incoming.resolve(uuid), StandardCopyOption.ATOMIC_MOVE);   // blocking
 *   return Bytes.ascii("stored " + body.size() + " bytes");
 * });
 * }</pre>
 *
 * <p>The temporary file belongs to the request: it is deleted when the response has finished or
 * the client has gone ({@link Request#notifyFinish()}). To keep it, move it away before, with
 * {@link #saveTo}.
 *
 * <p>Blocking: {@link #bytes()}, {@link #openStream()} and {@link #saveTo} read or move the
 * file when there is one; for large files, call them with {@code deferToThread}. Failures of
 * the file system are thrown as {@link UncheckedIOException}.
 */
public final class SpooledBytes {
  private final long size;
  private final @Nullable Bytes memory;
  private final @Nullable Path file;

  private SpooledBytes(long size, @Nullable Bytes memory, @Nullable Path file) {
    this.size = size;
    this.memory = memory;
    this.file = file;
  }

  /** Returns content held in memory. */
  static SpooledBytes inMemory(Bytes content) {
    return new SpooledBytes(content.size(), content, null);
  }

  /** Returns content of {@code size} bytes held in {@code file}. */
  static SpooledBytes onFile(Path file, long size) {
    return new SpooledBytes(size, null, file);
  }

  /** Returns the number of bytes. */
  public long size() {
    return size;
  }

  /** Returns whether the content is in memory rather than in a file. */
  public boolean inMemory() {
    return memory != null;
  }

  /** Returns the temporary file that holds the content, if it went to one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Returns the content, read from the file if it is in one (blocking).
   *
   * @throws IllegalStateException if the content is larger than one {@link Bytes} can hold
   * @throws UncheckedIOException if the file cannot be read, for example once it was deleted
   */
  public Bytes bytes() {
    Bytes held = memory;
    if (held != null) {
      return held;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "the content is too large to hold in memory: " + size + " bytes in " + file);
    }
    try {
      return Bytes.wrap(Files.readAllBytes(Objects.requireNonNull(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a new stream of the content, which the caller closes (blocking when it reads a file).
   *
   * @throws UncheckedIOException if the file cannot be opened
   */
  public InputStream openStream() {
    Bytes held = memory;
    if (held != null) {
      return new ByteArrayInputStream(held.toByteArray());
    }
    try {
      return Files.newInputStream(Objects.requireNonNull(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Puts the content in {@code target}: moves the temporary file there with {@code options}, as
   * {@link Files#move} does, or writes the bytes held in memory to a new file (or over an
   * existing one with {@link StandardCopyOption#REPLACE_EXISTING}) (blocking). After a move,
   * {@link #file()} names a file that no longer exists.
   *
   * @throws UncheckedIOException if it fails, for example because {@code target} exists and
   *     {@code options} do not say to replace it
   */
  public void saveTo(Path target, CopyOption... options) {
    Objects.requireNonNull(target, "target");
    try {
      Bytes held = memory;
      if (held != null) {
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        Files.write(target, held.toByteArray(),
            replace ? new OpenOption[0] : new OpenOption[] {StandardOpenOption.CREATE_NEW});
      } else {
        Files.move(Objects.requireNonNull(file), target, options);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the size and where the content is. */
  @Override
  public String toString() {
    return "SpooledBytes[" + size + " bytes " + (file != null ? "in " + file : "in memory") + "]";
  }
}
