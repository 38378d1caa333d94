package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.files.FileResource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte ranges of a {@link FileResource}: 206, multipart/byteranges, 416, and what is ignored. */
@TwineTest
class FileRangesTest {
  private static final int SIZE = 1000;
  @TempDir Path dir;
  private String content;

  @BeforeEach
  void writeFile() throws IOException {
    StringBuilder text = new StringBuilder(SIZE);
    for (int i = 0; i < SIZE; i++) {
      text.append((char) ('a' + i % 26));
    }
    content = text.toString();
    FileSite.write(dir.resolve("file.txt"), content);
  }

  /** Returns status, Content-Range and body of a response, or the parts of a multipart one. */
  private String summary(Wire.Response response) {
    String type = response.header("Content-Type").orElse("");
    if (type.startsWith("multipart/byteranges; boundary=")) {
      return response.status() + " " + parts(type.substring(type.indexOf('=') + 1), response);
    }
    return response.status() + " " + response.header("Content-Range").orElse("-") + " "
        + (response.body().length() > 40 ? response.body().length() + " bytes"
            : response.body());
  }

  /** Reads a multipart/byteranges body: each part as "Content-Range=body". */
  private static List<String> parts(String boundary, Wire.Response response) {
    assertThat(response.header("Content-Length"))
        .hasValue(Integer.toString(response.body().length()));
    String body = response.body();
    assertThat(body).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
    Pattern part = Pattern.compile("--" + Pattern.quote(boundary)
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: (bytes \\S+)\r\n\r\n"
        + "([a-z]*)\r\n");
    Matcher matcher = part.matcher(body);
    List<String> parts = new ArrayList<>();
    while (matcher.find()) {
      parts.add(matcher.group(1) + "=" + matcher.group(2));
    }
    return parts;
  }

  @Test
  void answersEachRangeAsRfc9110Says(Clock clock) {
    FileSite site = new FileSite(clock, new FileResource(dir));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("bytes=0-9", "206 bytes 0-9/1000 abcdefghij");
    expected.put("bytes=-5", "206 bytes 995-999/1000 hijkl");
    expected.put("bytes=-500", "206 bytes 500-999/1000 500 bytes");
    expected.put("bytes=500-", "206 bytes 500-999/1000 500 bytes");
    expected.put("bytes=995-5000", "206 bytes 995-999/1000 hijkl");
    expected.put("bytes=-2000", "206 bytes 0-999/1000 1000 bytes");
    expected.put("BYTES=0-0", "206 bytes 0-0/1000 a");
    expected.put("bytes=0-2,10-12", "206 [bytes 0-2/1000=abc, bytes 10-12/1000=klm]");
    expected.put("bytes=10-12, 0-2", "206 [bytes 0-2/1000=abc, bytes 10-12/1000=klm]");
    expected.put("bytes=0-1,-2", "206 [bytes 0-1/1000=ab, bytes 998-999/1000=kl]");
    expected.put("bytes=0-5,3-9", "206 bytes 0-9/1000 abcdefghij");
    expected.put("bytes=0-4,5-9", "206 bytes 0-9/1000 abcdefghij");
    expected.put("bytes=0-2,,1000-1001,4-5", "206 [bytes 0-2/1000=abc, bytes 4-5/1000=ef]");
    expected.put("bytes=1000-", "416 bytes */1000 ");
    expected.put("bytes=1000-2000,5000-", "416 bytes */1000 ");
    expected.put("bytes=-0", "416 bytes */1000 ");
    expected.put("bytes=5-1", "200 - 1000 bytes");
    expected.put("bytes=a-b", "200 - 1000 bytes");
    expected.put("bytes=1", "200 - 1000 bytes");
    expected.put("bytes=-", "200 - 1000 bytes");
    expected.put("bytes=", "200 - 1000 bytes");
    expected.put("bytes=0-1-2", "200 - 1000 bytes");
    expected.put("bytes=+1-2", "200 - 1000 bytes");
    expected.put("bytes = 0-1", "200 - 1000 bytes");
    expected.put("items=0-1", "200 - 1000 bytes");
    expected.put("bytes=0-99999999999999999999999", "206 bytes 0-999/1000 1000 bytes");
    expected.put("bytes=" + "1-1,".repeat(32) + "1-1", "200 - 1000 bytes");

    Map<String, String> actual = new LinkedHashMap<>();
    for (String range : expected.keySet()) {
      Wire.Response response = site.get("/file.txt", "Range: " + range);
      if (response.status() == 416) {
        assertThat(response.header("Content-Type")).hasValue("text/html; charset=utf-8");
        actual.put(range, "416 " + response.header("Content-Range").orElse("-") + " ");
      } else {
        actual.put(range, summary(response));
      }
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void aSingleRangeHasTheFilesTypeAndItsOwnLength(Clock clock) {
    Wire.Response response = new FileSite(clock, new FileResource(dir))
        .get("/file.txt", "Range: bytes=-500");

    assertThat(response.header("Content-Length")).hasValue("500");
    assertThat(response.header("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.header("Accept-Ranges")).hasValue("bytes");
    assertThat(response.body()).isEqualTo(content.substring(500));
  }

  @Test
  void ignoresRangeOnHead(Clock clock) {
    Wire.Response response = new FileSite(clock, new FileResource(dir))
        .request("HEAD", "/file.txt", "Range: bytes=0-9");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Length")).hasValue("1000");
    assertThat(response.header("Content-Range")).isEmpty();
  }

  @Test
  void sendsTheRangeOnlyIfIfRangeStillNamesTheFile(Clock clock) {
    FileSite site = new FileSite(clock, new FileResource(dir));
    String etag = site.get("/file.txt").header("ETag").orElseThrow();
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put(etag, 206);
    expected.put(FileSite.LAST_MODIFIED, 206);
    expected.put("W/" + etag, 200);
    expected.put("\"stale\"", 200);
    expected.put("Thu, 02 May 2024 10:00:00 GMT", 200);
    expected.put("not a date", 200);

    Map<String, Integer> actual = new LinkedHashMap<>();
    for (String ifRange : expected.keySet()) {
      actual.put(ifRange,
          site.get("/file.txt", "Range: bytes=0-9", "If-Range: " + ifRange).status());
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
  }
}
