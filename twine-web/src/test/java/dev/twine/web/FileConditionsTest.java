package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.files.FileResource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional requests to a {@link FileResource}: 304 and 412 in the order of RFC 9110. */
@TwineTest
class FileConditionsTest {
  private static final String EARLIER = "Tue, 30 Apr 2024 10:00:00 GMT";
  private static final String LATER = "Thu, 02 May 2024 10:00:00 GMT";

  @TempDir Path dir;

  @Test
  void answersEachConditionAsRfc9110Says(Clock clock) throws IOException {
    FileSite.write(dir.resolve("file.txt"), "content");
    FileSite site = new FileSite(clock, new FileResource(dir));
    String etag = site.get("/file.txt").header("ETag").orElseThrow();
    String now = FileSite.LAST_MODIFIED;
    Map<List<String>, Integer> expected = new LinkedHashMap<>();
    expected.put(List.of("If-None-Match: " + etag), 304);
    expected.put(List.of("If-None-Match: W/" + etag), 304);
    expected.put(List.of("If-None-Match: *"), 304);
    expected.put(List.of("If-None-Match: \"other\", " + etag), 304);
    expected.put(List.of("If-None-Match: \"other\"", "If-None-Match: " + etag), 304);
    expected.put(List.of("If-None-Match: \"other\""), 200);
    expected.put(List.of("If-None-Match: garbage"), 200);
    expected.put(List.of("If-Modified-Since: " + now), 304);
    expected.put(List.of("If-Modified-Since: " + LATER), 304);
    expected.put(List.of("If-Modified-Since: " + EARLIER), 200);
    expected.put(List.of("If-Modified-Since: Wednesday, 01-May-24 10:00:00 GMT"), 304);
    expected.put(List.of("If-Modified-Since: Wed May  1 10:00:00 2024"), 304);
    expected.put(List.of("If-Modified-Since: yesterday"), 200);
    expected.put(List.of("If-None-Match: \"other\"", "If-Modified-Since: " + now), 200);
    expected.put(List.of("If-Match: " + etag), 200);
    expected.put(List.of("If-Match: *"), 200);
    expected.put(List.of("If-Match: \"other\""), 412);
    expected.put(List.of("If-Match: W/" + etag), 412);
    expected.put(List.of("If-Unmodified-Since: " + now), 200);
    expected.put(List.of("If-Unmodified-Since: " + EARLIER), 412);
    expected.put(List.of("If-Unmodified-Since: nonsense"), 200);
    expected.put(List.of("If-Match: " + etag, "If-Unmodified-Since: " + EARLIER), 200);
    expected.put(List.of("If-Match: \"other\"", "If-None-Match: " + etag), 412);

    Map<List<String>, Integer> actual = new LinkedHashMap<>();
    for (List<String> headers : expected.keySet()) {
      actual.put(headers, site.get("/file.txt", headers.toArray(String[]::new)).status());
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void notModifiedHasTheValidatorsAndNoBody(Clock clock) throws IOException {
    FileSite.write(dir.resolve("file.txt"), "content");
    FileSite site = new FileSite(clock, new FileResource(dir));
    String etag = site.get("/file.txt").header("ETag").orElseThrow();

    Wire.Response response = site.request("HEAD", "/file.txt", "If-None-Match: " + etag);
    Wire.Response get = site.get("/file.txt", "If-None-Match: " + etag);

    assertThat(response.status()).isEqualTo(304);
    assertThat(get.body()).isEmpty();
    assertThat(get.header("ETag")).hasValue(etag);
    assertThat(get.header("Last-Modified")).hasValue(FileSite.LAST_MODIFIED);
    assertThat(get.header("Content-Length")).isEmpty();
  }

  @Test
  void aRewrittenFileGetsANewEntityTag(Clock clock) throws IOException {
    FileSite.write(dir.resolve("file.txt"), "content");
    FileSite site = new FileSite(clock, new FileResource(dir));
    String before = site.get("/file.txt").header("ETag").orElseThrow();
    FileSite.write(dir.resolve("file.txt"), "longer content");

    Wire.Response after = site.get("/file.txt", "If-None-Match: " + before);

    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(before));
  }
}
