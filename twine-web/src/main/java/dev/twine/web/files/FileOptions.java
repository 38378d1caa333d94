package dev.twine.web.files;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link FileResource} serves its directory.
 *
 * <pre>{@code
 * FileOptions options = FileOptions.DEFAULT
 *     .withIndexNames(List.of("index.html", "index.htm"))
 *     .withListDirectories(false);
 * }</pre>
 *
 * @param indexNames the files that answer for their directory, tried in order; may be empty
 * @param listDirectories whether a directory without an index file is answered with an HTML
 *     listing of its entries ({@code true}) or with {@code 403 Forbidden}
 * @param mimeTypes the {@code Content-Type} of each file by its extension
 * @param followLinksOutside whether symbolic links may lead to files outside the root; when
 *     {@code false}, such a link is answered as a missing file
 */
public record FileOptions(
    List<String> indexNames,
    boolean listDirectories,
    MimeTypes mimeTypes,
    boolean followLinksOutside) {

  /**
   * The defaults: {@code index.html} as index, listings on, {@link MimeTypes#DEFAULT}, no links
   * out of the root.
   */
  public static final FileOptions DEFAULT =
      new FileOptions(List.of("index.html"), true, MimeTypes.DEFAULT, false);

  /**
   * Validates the options and copies the list of index names.
   *
   * @throws IllegalArgumentException if an index name is not one plain file name: empty, {@code
   *     .} or {@code ..}, or holding {@code /}, {@code \} or NUL
   */
  public FileOptions {
    indexNames = List.copyOf(indexNames);
    Objects.requireNonNull(mimeTypes, "mimeTypes");
    for (String name : indexNames) {
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
          || name.contains("\\") || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "an index name must be one plain file name, such as \"index.html\": \"" + name + "\"");
      }
    }
  }

  /** Returns these options with other index names, tried in order. */
  public FileOptions withIndexNames(List<String> names) {
    return new FileOptions(names, listDirectories, mimeTypes, followLinksOutside);
  }

  /** Returns these options with directory listings on ({@code true}) or off. */
  public FileOptions withListDirectories(boolean list) {
    return new FileOptions(indexNames, list, mimeTypes, followLinksOutside);
  }

  /** Returns these options with another table of MIME types. */
  public FileOptions withMimeTypes(MimeTypes types) {
    return new FileOptions(indexNames, listDirectories, types, followLinksOutside);
  }

  /** Returns these options with symbolic links out of the root followed ({@code true}) or not. */
  public FileOptions withFollowLinksOutside(boolean follow) {
    return new FileOptions(indexNames, listDirectories, mimeTypes, follow);
  }
}
