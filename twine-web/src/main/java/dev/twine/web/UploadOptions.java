package dev.twine.web;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link Request#form} and {@link Request#spooledContent} read a request body: the bounds
 * of a {@code multipart/form-data} body, and how much of a file, or of a whole body, stays in
 * memory before the rest goes to a temporary file.
 *
 * <pre>{@code
 * UploadOptions photos = UploadOptions.DEFAULT
 *     .withMaxParts(20)
 *     .withTempDirectory(Path.of("/var/spool/uploads"));
 * request.form(photos).map(form -> ...);
 * }</pre>
 *
 * <p>The body as a whole is bounded by the site's {@link
 * dev.twine.web.http.HttpLimits#maxBodySize() maxBodySize} (413), which also bounds the memory a
 * form takes: field values, and up to {@code memoryThreshold} bytes of each file. A multipart
 * body past one of these bounds fails the form with an {@link HttpError} 413.
 *
 * <p>Temporary files are written on the reactor thread, as Twisted writes its upload files: put
 * {@code tempDirectory} on a local disk. On POSIX systems only their owner may read them.
 *
 * @param maxParts the most parts of a multipart body, fields and files together
 * @param maxPartHeaderSize the most bytes of the header section of one part, each line counted
 *     with its CRLF
 * @param maxFieldSize the most bytes of the value of one field (a part without a file name)
 * @param memoryThreshold the most bytes of a file, or of a body read with {@code
 *     spooledContent}, held in memory; past it, the content goes to a temporary file
 * @param tempDirectory where the temporary files go
 */
public record UploadOptions(
    int maxParts, int maxPartHeaderSize, int maxFieldSize, int memoryThreshold,
    Path tempDirectory) {

  /**
   * Options fit for a server facing the internet: 1000 parts, 8 KiB of headers per part, 1 MiB
   * per field, 256 KiB of each file in memory, temporary files in {@code java.io.tmpdir}.
   */
  public static final UploadOptions DEFAULT = new UploadOptions(1000, 8192, 1024 * 1024,
      256 * 1024, Path.of(System.getProperty("java.io.tmpdir")));

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if {@code maxParts} is below 1, {@code maxPartHeaderSize}
   *     below 64, or a size is negative
   */
  public UploadOptions {
    if (maxParts < 1) {
      throw new IllegalArgumentException("maxParts must be at least 1: " + maxParts);
    }
    if (maxPartHeaderSize < 64) {
      throw new IllegalArgumentException(
          "maxPartHeaderSize must be at least 64: " + maxPartHeaderSize);
    }
    if (maxFieldSize < 0) {
      throw new IllegalArgumentException("maxFieldSize must not be negative: " + maxFieldSize);
    }
    if (memoryThreshold < 0) {
      throw new IllegalArgumentException(
          "memoryThreshold must not be negative: " + memoryThreshold);
    }
    Objects.requireNonNull(tempDirectory, "tempDirectory");
  }

  /** Returns these options with another bound on the number of parts. */
  public UploadOptions withMaxParts(int max) {
    return new UploadOptions(max, maxPartHeaderSize, maxFieldSize, memoryThreshold,
        tempDirectory);
  }

  /** Returns these options with another bound on the header section of a part. */
  public UploadOptions withMaxPartHeaderSize(int max) {
    return new UploadOptions(maxParts, max, maxFieldSize, memoryThreshold, tempDirectory);
  }

  /** Returns these options with another bound on the value of a field. */
  public UploadOptions withMaxFieldSize(int max) {
    return new UploadOptions(maxParts, maxPartHeaderSize, max, memoryThreshold, tempDirectory);
  }

  /** Returns these options with another amount of a file held in memory. */
  public UploadOptions withMemoryThreshold(int threshold) {
    return new UploadOptions(maxParts, maxPartHeaderSize, maxFieldSize, threshold,
        tempDirectory);
  }

  /** Returns these options with another directory for temporary files. */
  public UploadOptions withTempDirectory(Path directory) {
    return new UploadOptions(maxParts, maxPartHeaderSize, maxFieldSize, memoryThreshold,
        directory);
  }
}
