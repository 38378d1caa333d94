package dev.twine.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The value of the {@code Server} header, {@code Twine/<version>}, from the built resource. */
final class ServerVersion {
  /** The header value, such as {@code Twine/0.1.0}. */
  static final String HEADER = "Twine/" + read();

  private ServerVersion() {}

  private static String read() {
    try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/twine/web/version.properties is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the version of twine-web", e);
    }
  }
}
