package dev.twine.web;

import java.util.Objects;

/**
 * A file sent in a {@code multipart/form-data} body: a part with a {@code filename} (RFC 7578
 * section 4.2). A file input left empty in a browser form arrives as a file with an empty name
 * and no content.
 *
 * <p>The file name is the client's word, for display: it may hold any character, {@code /},
 * {@code \} and {@code ..} included. Never use it as a path.
 *
 * @param field the name of the form field the file was sent for
 * @param filename the name the client gave the file, possibly empty
 * @param contentType the part's {@code Content-Type}, {@code application/octet-stream} if it
 *     had none
 * @param content the bytes of the file, in memory or in a temporary file
 */
public record UploadedFile(String field, String filename, String contentType,
    SpooledBytes content) {

  /** Checks the values. */
  public UploadedFile {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(content, "content");
  }

  /** Returns the size of the file in bytes. */
  public long size() {
    return content.size();
  }
}
