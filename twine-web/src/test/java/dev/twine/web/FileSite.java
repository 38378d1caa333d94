package dev.twine.web;

import dev.twine.testing.Clock;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * A site in memory whose root is a resource serving files, asked one request per connection:
 * for the tests of {@code dev.twine.web.files}.
 */
final class FileSite {
  /** The modification time the test files get: {@code Wed, 01 May 2024 10:00:00 GMT}. */
  static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00.123456789Z");
  static final String LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT";

  private final Clock clock;
  private final Resource root;

  FileSite(Clock clock, Resource root) {
    this.clock = clock;
    this.root = root;
  }

  /** Sends {@code method target} with {@code headers} ("Name: value") and returns the answer. */
  Wire.Response request(String method, String target, String... headers) {
    StringBuilder head = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: a\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    Wire wire = new Wire(root, clock);
    wire.send(head.append("\r\n").toString());
    List<Wire.Response> responses = wire.responses(List.of(new HttpMethod(method)));
    wire.close();
    if (responses.size() != 1) {
      throw new AssertionError("expected one response to " + target + ", got: " + wire.written());
    }
    return responses.get(0);
  }

  /** Sends {@code GET target} with {@code headers}. */
  Wire.Response get(String target, String... headers) {
    return request("GET", target, headers);
  }

  /** Writes {@code content} to {@code file} and dates it {@link #MODIFIED}. */
  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    return file;
  }
}
