package dev.twine.web.files;

/**
 * The bytes from {@code first} to {@code last} of a file, both included, as a {@code Range}
 * request names them once resolved against the file's size.
 */
record ByteRange(long first, long last) {

  /** Returns the number of bytes in the range. */
  long length() {
    return last - first + 1;
  }

  /** Returns the value of its {@code Content-Range} field for a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }
}
