package dev.twine.web.files;

import dev.twine.web.http.Headers;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Content-Type} of a file by the extension of its name: a built-in table of the
 * common types of the web, to which {@link #withType} adds or replaces entries. Immutable.
 *
 * <pre>{@code
 * MimeTypes types = MimeTypes.DEFAULT
 *     .withType("log", "text/plain; charset=utf-8")
 *     .withType(".webmanifest", "application/manifest+json");
 * types.typeOf("Notes.MD");      // text/markdown; charset=utf-8
 * types.typeOf("archive.bin");   // application/octet-stream
 * }</pre>
 *
 * <p>The extension is what follows the last {@code .} of the name, compared without regard to
 * case; a name without one, or with an unknown one, is {@code application/octet-stream}. The
 * built-in textual types say {@code charset=utf-8}. A {@code .gz} file is {@code
 * application/gzip}, never a gzip {@code Content-Encoding}: clients save it as it is.
 */
public final class MimeTypes {
  /** The type of a file whose extension is not in the table. */
  public static final String UNKNOWN = "application/octet-stream";

  private static final String UTF8 = "; charset=utf-8";

  /** The built-in table. */
  public static final MimeTypes DEFAULT = new MimeTypes(Map.ofEntries(
      Map.entry("html", "text/html" + UTF8), Map.entry("htm", "text/html" + UTF8),
      Map.entry("css", "text/css" + UTF8), Map.entry("js", "text/javascript" + UTF8),
      Map.entry("mjs", "text/javascript" + UTF8), Map.entry("txt", "text/plain" + UTF8),
      Map.entry("text", "text/plain" + UTF8), Map.entry("csv", "text/csv" + UTF8),
      Map.entry("md", "text/markdown" + UTF8), Map.entry("xml", "text/xml" + UTF8),
      Map.entry("json", "application/json"), Map.entry("map", "application/json"),
      Map.entry("webmanifest", "application/manifest+json"),
      Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
      Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
      Map.entry("tgz", "application/gzip"), Map.entry("tar", "application/x-tar"),
      Map.entry("bz2", "application/x-bzip2"), Map.entry("xz", "application/x-xz"),
      Map.entry("zst", "application/zstd"), Map.entry("jar", "application/java-archive"),
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
      Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/vnd.microsoft.icon"),
      Map.entry("bmp", "image/bmp"), Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
      Map.entry("otf", "font/otf"), Map.entry("mp3", "audio/mpeg"),
      Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
      Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"),
      Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"),
      Map.entry("webm", "video/webm"), Map.entry("ogv", "video/ogg")));

  private final Map<String, String> types;

  private MimeTypes(Map<String, String> types) {
    this.types = types;
  }

  /**
   * Returns a table with {@code extension} (with or without its leading dot, any case) mapped to
   * {@code type}, replacing any entry it had.
   *
   * @throws IllegalArgumentException if the extension is empty or holds a {@code .} or {@code /}
   *     after its leading dot, or the type is not a valid header value or has no {@code /}
   */
  public MimeTypes withType(String extension, String type) {
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(type, "type");
    String key = (extension.startsWith(".") ? extension.substring(1) : extension)
        .toLowerCase(Locale.ROOT);
    if (key.isEmpty() || key.contains(".") || key.contains("/")) {
      throw new IllegalArgumentException(
          "an extension must be one non-empty name part, such as \"txt\": \"" + extension + "\"");
    }
    new Headers().add("Content-Type", type);
    if (!type.contains("/")) {
      throw new IllegalArgumentException("a MIME type must be type/subtype: \"" + type + "\"");
    }
    Map<String, String> copy = new HashMap<>(types);
    copy.put(key, type);
    return new MimeTypes(Map.copyOf(copy));
  }

  /** Returns the type of a file named {@code fileName}, {@link #UNKNOWN} if the table has none. */
  public String typeOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return UNKNOWN;
    }
    return types.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
  }
}
