package dev.twine.web.files;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory a {@link FileResource} serves, and the only way from the segments of a request
 * path to a file under it.
 *
 * <p>Each segment must name one entry of a directory: a segment that holds NUL is refused with
 * 400; one that is empty, {@code .} or {@code ..}, holds {@code /} or {@code \}, starts with a
 * drive letter ({@code C:}) or is not one plain name for the file system is refused with 404.
 * The request's own dot segments, {@code %2e%2e} included, were resolved before, without
 * climbing above the site's root; a {@code %2F} is inside its segment and lands here. Unless
 * links outside are allowed, a path is served only if its real path, symbolic links followed,
 * is under the real path of the root.
 */
final class Root {
  private final Path directory;
  private final Path real;
  private final boolean followLinksOutside;

  /** What a request path leads to. */
  sealed interface Lookup {}

  /**
   * A path under the root; {@code directoryWanted} when the request path ended with {@code /}.
   */
  record Found(Path path, boolean directoryWanted) implements Lookup {}

  /** A request path that names nothing the root may serve. */
  record Refused(int status, String reason) implements Lookup {}

  Root(Path directory, boolean followLinksOutside) throws IOException {
    this.directory = directory.toAbsolutePath().normalize();
    this.real = directory.toRealPath();
    this.followLinksOutside = followLinksOutside;
  }

  /** Returns the root directory, absolute and normalized. */
  Path directory() {
    return directory;
  }

  /** Returns where {@code segments}, the rest of a request path, lead under the root. */
  Lookup resolve(List<String> segments) {
    boolean directoryWanted = !segments.isEmpty() && segments.getLast().isEmpty();
    int count = directoryWanted ? segments.size() - 1 : segments.size();
    Path path = directory;
    for (int i = 0; i < count; i++) {
      String segment = segments.get(i);
      if (segment.indexOf('\0') >= 0) {
        return new Refused(400, "The path holds a NUL byte.");
      }
      Path name = name(segment);
      if (name == null) {
        return new Refused(404, "No such file.");
      }
      path = path.resolve(name);
    }
    return new Found(path, directoryWanted);
  }

  /** Returns {@code segment} as one plain name of the root's file system, or null if it is not. */
  private Path name(String segment) {
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
        || segment.contains("/") || segment.contains("\\") || driveLetter(segment)) {
      return null;
    }
    try {
      Path name = directory.getFileSystem().getPath(segment);
      return name.getRoot() == null && name.getNameCount() == 1
          && name.toString().equals(segment) ? name : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static boolean driveLetter(String segment) {
    return segment.length() >= 2 && segment.charAt(1) == ':'
        && Character.isLetter(segment.charAt(0)) && segment.charAt(0) < 0x80;
  }

  /**
   * Returns whether {@code path} may be served: always when links outside are allowed, else
   * when its real path is under the root's.
   *
   * @throws IOException if the path does not exist or cannot be resolved
   */
  boolean allows(Path path) throws IOException {
    return followLinksOutside || path.toRealPath().startsWith(real);
  }
}
