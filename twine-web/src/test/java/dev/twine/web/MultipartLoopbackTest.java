package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart forms posted over a real socket by curl and by the JDK's HttpClient. */
class MultipartLoopbackTest {
  @TempDir static Path spool;
  @TempDir static Path files;
  private static LiveSite site;
  private static byte[] photo;

  /** Lists what the form held: fields as name=value, files with their size, place and digest. */
  @BeforeAll
  static void start() {
    UploadOptions options = UploadOptions.DEFAULT.withMemoryThreshold(64 * 1024)
        .withTempDirectory(spool);
    Resource root = new Resource().putChild("upload", new Resource().on(HttpMethod.POST,
        request -> Rendered.later(request.form(options).map(form -> {
          StringBuilder out = new StringBuilder();
          form.fields().forEach((name, values) ->
              values.forEach(value -> out.append(name).append('=').append(value).append('\n')));
          form.files().forEach((name, uploads) -> uploads.forEach(upload -> out.append(name)
              .append(": ").append(upload.filename()).append(' ').append(upload.contentType())
              .append(' ').append(upload.size())
              .append(upload.content().inMemory() ? " memory " : " disk ")
              .append(sha256(upload.content().bytes().toByteArray())).append('\n')));
          return Bytes.utf8(out.toString());
        }))));
    site = new LiveSite(root);
    photo = new byte[300_000];
    new Random(7578).nextBytes(photo);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @AfterEach
  void spoolIsEmpty() throws IOException {
    try (Stream<Path> left = Files.list(spool)) {
      assertThat(left).as("temporary files are deleted once answered").isEmpty();
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String expected() {
    return "title=Été à la plage\n"
        + "photo: beach.bin application/octet-stream 300000 disk " + sha256(photo) + "\n"
        + "note: note.txt text/plain 5 memory " + sha256("hello".getBytes(StandardCharsets.UTF_8))
        + "\n";
  }

  @Test
  void readsAFormPostedByCurl() throws Exception {
    assumeTrue(ExternalClient.installed("curl"),
        "curl is not installed: apt-get install curl");
    Path beach = files.resolve("beach.bin");
    Files.write(beach, photo);
    Path note = files.resolve("note.txt");
    Files.writeString(note, "hello");
    ExternalClient.Run run = ExternalClient.run("", "curl", "--silent", "--show-error",
        "-F", "title=Été à la plage",
        "-F", "photo=@" + beach + ";type=application/octet-stream",
        "-F", "note=@" + note + ";type=text/plain",
        site.url() + "/upload");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected());
  }

  @Test
  void readsAChunkedFormPostedByTheJdkClient() throws Exception {
    String boundary = "jdk-" + Long.toHexString(new Random(1).nextLong());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
        + "Été à la plage\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\";"
        + " filename=\"beach.bin\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(photo);
    body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\";"
        + " filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary
        + "--\r\n").getBytes(StandardCharsets.UTF_8));
    byte[] form = body.toByteArray();
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
              URI.create(site.url() + "/upload"))
          .timeout(LiveSite.PATIENCE)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(expected());
    }
  }
}
