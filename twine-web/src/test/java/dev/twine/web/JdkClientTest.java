package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's {@link HttpClient} against a site on a real socket. */
class JdkClientTest {
  private static LiveSite site;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    site = new LiveSite(LiveTree.root());
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    site.close();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(site.url() + path)).timeout(LiveSite.PATIENCE);
  }

  @Test
  void reusesOneConnectionForSeveralRequests() throws Exception {
    int before = site.connections();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response =
          client.send(request("/hello").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("Hello!");
      assertThat(response.headers().firstValue("Server")).hasValueSatisfying(
          server -> assertThat(server).startsWith("Twine/"));
    }
    assertThat(site.connections() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void answersHeadWithHeadersOnly() throws Exception {
    HttpResponse<String> response = client.send(
        request("/hello").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).contains("6");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void readsAChunkedUpload() throws Exception {
    byte[] upload = "chunk ".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
    HttpResponse<byte[]> response = client.send(request("/echo")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload)))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Received")).contains(String.valueOf(upload.length));
    assertThat(response.body()).isEqualTo(upload);
  }

  @Test
  void readsAChunkedResponseAndALargeProducedOne() throws Exception {
    HttpResponse<String> stream =
        client.send(request("/stream").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stream.body()).isEqualTo("one two three");
    HttpResponse<byte[]> big =
        client.send(request("/big").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(big.body()).hasSize(LiveTree.BIG);
  }

  @Test
  void getsA404PageAndA405WithAllow() throws Exception {
    HttpResponse<String> missing =
        client.send(request("/missing").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("404 Not Found");
    HttpResponse<String> wrong = client.send(
        request("/hello").DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
  }
}
