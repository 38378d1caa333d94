package dev.twine.benchmarks.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files a peer serves at {@code /files/NAME}: the regular files directly in one directory.
 * A name is taken as it is, without percent-decoding; one with a slash, a backslash or a NUL, or
 * that is {@code .} or {@code ..}, finds nothing.
 *
 * @param directory the directory
 */
record ServedFiles(Path directory) {
  /** The path prefix of the files. */
  static final String PREFIX = "/files/";

  /**
   * Returns the file that the request path {@code path} names, if it starts with {@link #PREFIX}
   * and names a regular file of the directory.
   */
  Optional<Path> find(String path) {
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String name = path.substring(PREFIX.length());
    if (name.isEmpty() || name.equals(".") || name.equals("..")
        || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Path file = directory.resolve(name);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }
}
