package dev.twine.web.files;

import dev.twine.bytes.Bytes;
import dev.twine.web.ErrorPage;
import dev.twine.web.http.HttpDates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML page that lists a directory without an index file (Twisted's {@code
 * DirectoryLister}): one row per entry, sorted by name, with a link, the size and the date of
 * last modification. Names are HTML-escaped in the text and percent-encoded in the links, so
 * that no file name can inject markup or turn its link into another URL.
 */
final class DirectoryListing {
  /** One entry of a directory. */
  record Entry(String name, boolean directory, long size, Instant modified) {}

  private DirectoryListing() {}

  /**
   * Returns the entries of {@code directory}, sorted by name; a symbolic link is described by
   * what it leads to, or as itself if that is missing.
   */
  static List<Entry> read(Path directory) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path path : stream) {
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
          attributes = Files.readAttributes(path, BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
        }
        entries.add(new Entry(path.getFileName().toString(), attributes.isDirectory(),
            attributes.size(), attributes.lastModifiedTime().toInstant()));
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }

  /**
   * Returns the page listing {@code entries} of the directory whose decoded request path is
   * {@code path}, with a link to the parent directory if {@code parent}.
   */
  static Bytes html(String path, List<Entry> entries, boolean parent) {
    String title = ErrorPage.escape("Directory listing for " + path);
    StringBuilder page = new StringBuilder(512 + entries.size() * 160)
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(title)
        .append("</title></head>\n<body><h1>").append(title).append("</h1>\n<table>\n")
        .append("<tr><th>Name</th><th>Size</th><th>Last modified</th></tr>\n");
    if (parent) {
      page.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
    }
    for (Entry entry : entries) {
      String suffix = entry.directory() ? "/" : "";
      page.append("<tr><td><a href=\"").append(encode(entry.name())).append(suffix)
          .append("\">").append(ErrorPage.escape(entry.name())).append(suffix)
          .append("</a></td><td>").append(entry.directory() ? "-" : Long.toString(entry.size()))
          .append("</td><td>").append(HttpDates.format(entry.modified()))
          .append("</td></tr>\n");
    }
    return Bytes.utf8(page.append("</table>\n</body></html>\n").toString());
  }

  /** Percent-encodes {@code name} as UTF-8, keeping only RFC 3986's unreserved characters. */
  static String encode(String name) {
    StringBuilder encoded = new StringBuilder(name.length() + 16);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
