package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twine web} as a user runs it, in a JVM with a 64 MiB heap, asked by clients no one here
 * wrote: curl, the JDK's HttpClient, Python's http.client and urllib, and Twisted's treq.
 */
@Timeout(120)
class WebEndToEndTest {
  private static final String LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT";
  private static final String DATA = "0123456789".repeat(10);
  private static final long BIG = 100L << 20;

  @TempDir static Path dir;
  private static TwineProcess twine;
  private static String base;
  private static String mediumSha256;

  @BeforeAll
  static void serve() throws Exception {
    write(dir.resolve("data.txt"), DATA.getBytes(StandardCharsets.US_ASCII));
    write(dir.resolve("notes.log"), "a log\n".getBytes(StandardCharsets.US_ASCII));
    write(dir.resolve("sub/inner.txt"), "inner\n".getBytes(StandardCharsets.US_ASCII));
    byte[] medium = new byte[3 << 20];
    new Random(5).nextBytes(medium);
    write(dir.resolve("medium.bin"), medium);
    mediumSha256 = sha256(medium);
    try (OutputStream out = Files.newOutputStream(dir.resolve("big.bin"))) {
      for (long written = 0; written < BIG; written += medium.length) {
        out.write(medium, 0, (int) Math.min(medium.length, BIG - written));
      }
    }
    twine = TwineProcess.start(List.of("-Xmx64m"), "web", "--path", dir.toString(),
        "--listen", "tcp:0:interface=127.0.0.1", "--add-header", "X-Served-By: twine",
        "--mime-type", "log=text/x-log");
    base = "http://127.0.0.1:" + twine.awaitPort();
  }

  @AfterAll
  static void stop() {
    if (twine != null) {
      twine.close();
    }
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
  }

  private static String sha256(byte[] content) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** What a client program printed. */
  private record Run(String out, String err) {}

  /** Runs curl with {@code arguments}, skipping the test when curl is not installed. */
  private static Run curl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error"));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      assumeTrue(false, "curl is not installed: apt-get install curl");
      throw e;
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, false));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, true));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("curl finished").isTrue();
    Run run = new Run(out.join(), err.join());
    assertThat(process.exitValue()).as("curl's exit code; stderr: %s", run.err()).isZero();
    return run;
  }

  private static String read(Process process, boolean stderr) {
    try {
      return new String((stderr ? process.getErrorStream() : process.getInputStream())
          .readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void curlGetsRangesOfAFile() throws Exception {
    assertThat(curl("-r", "0-9", base + "/data.txt").out()).isEqualTo("0123456789");
    assertThat(curl("-r", "-5", base + "/data.txt").out()).isEqualTo("56789");
    Run multipart = curl("-r", "0-1,20-22", "--dump-header", "/dev/stderr", base + "/data.txt");
    assertThat(multipart.err()).startsWith("HTTP/1.1 206 Partial Content\r\n")
        .contains("Content-Type: multipart/byteranges; boundary=");
    assertThat(multipart.out()).contains("Content-Range: bytes 0-1/100\r\n\r\n01\r\n")
        .contains("Content-Range: bytes 20-22/100\r\n\r\n012\r\n");
  }

  @Test
  void curlHeadShowsTheHeadersOfTheFile() throws Exception {
    String head = curl("--head", base + "/notes.log").out();

    assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("Content-Length: 6\r\n", "Content-Type: text/x-log\r\n",
            "Accept-Ranges: bytes\r\n", "Last-Modified: " + LAST_MODIFIED + "\r\n",
            "X-Served-By: twine\r\n", "ETag: \"6-")
        .endsWith("\r\n\r\n");
  }

  @Test
  void curlConditionalRequestsGetNotModified() throws Exception {
    String url = base + "/data.txt";
    String etag = curl("--head", url).out().lines().filter(line -> line.startsWith("ETag: "))
        .findFirst().orElseThrow().substring(6);

    assertThat(curl("-z", LAST_MODIFIED, "-o", "/dev/null", "-w", "%{http_code}", url).out())
        .isEqualTo("304");
    assertThat(curl("-z", "Tue, 30 Apr 2024 10:00:00 GMT", "-w", " %{http_code}", url).out())
        .isEqualTo(DATA + " 200");
    assertThat(curl("-H", "If-None-Match: " + etag, "-o", "/dev/null", "-w", "%{http_code}", url)
        .out()).isEqualTo("304");
  }

  @Test
  void curlReusesTheConnectionForTwoUrls() throws Exception {
    Run run = curl("--verbose", base + "/data.txt", base + "/sub/inner.txt");

    assertThat(run.out()).isEqualTo(DATA + "inner\n");
    assertThat(run.err()).contains("Re-using existing connection");
  }

  @Test
  void aHundredMegabytesGoOutOfA64MegabyteHeapIntact(@TempDir Path downloads) throws Exception {
    Path copy = downloads.resolve("big.bin");

    Run run = curl("-o", copy.toString(), "-w", "%{http_code} %{size_download}",
        base + "/big.bin");

    assertThat(run.out()).isEqualTo("200 " + BIG);
    assertThat(Files.mismatch(copy, dir.resolve("big.bin"))).isEqualTo(-1);
    assertThat(twine.stderr()).doesNotContain("OutOfMemoryError");
    assertThat(curl(base + "/data.txt").out()).as("still serving").isEqualTo(DATA);
  }

  @Test
  void theJdkHttpClientGetsFilesRangesRedirectsAndListings() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<byte[]> medium = client.send(HttpRequest.newBuilder(URI.create(base
        + "/medium.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> range = client.send(HttpRequest.newBuilder(URI.create(base
        + "/data.txt")).header("Range", "bytes=95-").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(URI.create(base
        + "/sub")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> listing = client.send(HttpRequest.newBuilder(URI.create(base
        + "/sub/")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base
        + "/%2e%2e/%2e%2e/etc/passwd")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(medium.statusCode()).isEqualTo(200);
    assertThat(sha256(medium.body())).isEqualTo(mediumSha256);
    assertThat(medium.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo("56789");
    assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 95-99/100");
    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("Location")).hasValue("/sub/");
    assertThat(listing.body()).contains("<a href=\"inner.txt\">inner.txt</a>");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void pythonsHttpClientAndUrllibGetWhatTheyAskFor() throws Exception {
    String out = TwistedPeer.run("python_http_client.py", port());

    assertThat(out.lines()).containsExactly(
        "HEAD 200 100 bytes",
        "RANGE 206 bytes 10-19/100 0123456789",
        "NOT-MODIFIED 304",
        "SAME-CONNECTION True",
        "URLLIB 200 " + mediumSha256,
        "REDIRECTED 200 True True");
  }

  @Test
  void twistedsTreqGetsWhatItAsksFor() throws Exception {
    String python = TwistedPeer.python();
    Process probe = new ProcessBuilder(python, "-c", "import treq").redirectErrorStream(true)
        .start();
    probe.getInputStream().transferTo(OutputStream.nullOutputStream());
    assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "install python3-treq (apt-get install python3-treq) to run this test");

    String out = TwistedPeer.run("treq_client.py", port());

    assertThat(out.lines()).containsExactly(
        "RANGE 206 bytes 0-9/100 0123456789",
        "GET 200 " + (3 << 20) + " " + mediumSha256,
        "HEAD 200 100",
        "REDIRECTED 200 True");
  }

  private static String port() {
    return base.substring(base.lastIndexOf(':') + 1);
  }

  @Test
  void overTlsTheFilesAreReadInSlicesAndStillFitIn64Megabytes(@TempDir Path tls)
      throws Exception {
    try (TwineProcess cert = TwineProcess.start("cert", "--host", "localhost",
        "--out", tls.toString())) {
      assertThat(cert.awaitExit(TwineProcess.WAIT)).isZero();
    }
    Path certificate = tls.resolve("cert.pem");
    try (TwineProcess https = TwineProcess.start(List.of("-Xmx64m"), "web", "--path",
        dir.toString(), "--listen", "ssl:0:interface=127.0.0.1:privateKey="
            + tls.resolve("key.pem") + ":certKey=" + certificate)) {
      String url = "https://localhost:" + https.awaitPort();
      Path copy = tls.resolve("big.bin");

      assertThat(curl("--cacert", certificate.toString(), "-r", "10-19", url + "/data.txt").out())
          .isEqualTo("0123456789");
      assertThat(curl("--cacert", certificate.toString(), "-o", copy.toString(),
          "-w", "%{http_code} %{size_download}", url + "/big.bin").out())
          .isEqualTo("200 " + BIG);
      assertThat(Files.mismatch(copy, dir.resolve("big.bin"))).isEqualTo(-1);
      assertThat(https.stderr()).doesNotContain("OutOfMemoryError");
    }
  }

  @Test
  void logsEachRequestInTheCombinedLogFormatAndClosesTheLogOnStop(@TempDir Path logs)
      throws Exception {
    Path accessLog = logs.resolve("access.log");
    try (TwineProcess logged = TwineProcess.start("web", "--path", dir.toString(),
        "--listen", "tcp:0:interface=127.0.0.1", "--logfile", accessLog.toString())) {
      String url = "http://127.0.0.1:" + logged.awaitPort();
      curl("-r", "0-9", "-A", "log-check/1", "-e", "http://ref/", url + "/data.txt?log=1");
      curl("-A", "log-check/2", url + "/missing");

      logged.terminate();
      assertThat(logged.awaitExit(TwineProcess.WAIT)).isZero();
    }

    List<String> lines = Files.readAllLines(accessLog);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - \\[[^]]+\\] "
        + "\"GET /data\\.txt\\?log=1 HTTP/1\\.1\" 206 10 \"http://ref/\" \"log-check/1\"");
    assertThat(lines.get(1)).contains("\"GET /missing HTTP/1.1\" 404 ")
        .endsWith(" \"-\" \"log-check/2\"");
  }

  @Test
  void twoReactorsServeTheFilesAndShareOneAccessLog(@TempDir Path logs) throws Exception {
    Path accessLog = logs.resolve("access.log");
    int requests = 12;
    try (TwineProcess twoReactors = TwineProcess.start("web", "--path", dir.toString(),
        "--listen", "tcp:0:interface=127.0.0.1", "--reactors", "2", "--logfile", accessLog.toString())) {
      String url = "http://127.0.0.1:" + twoReactors.awaitPort() + "/data.txt";
      for (int i = 0; i < requests; i++) {
        assertThat(curl(url).out()).isEqualTo(DATA);
      }

      twoReactors.terminate();
      assertThat(twoReactors.awaitExit(TwineProcess.WAIT)).isZero();
    }

    assertThat(Files.readAllLines(accessLog)).hasSize(requests)
        .allMatch(line -> line.contains("\"GET /data.txt HTTP/1.1\" 200 " + DATA.length()));
  }

  @Test
  void aPathThatIsNotADirectoryIsAUsageError() throws Exception {
    try (TwineProcess bad = TwineProcess.start("web", "--path", dir.resolve("data.txt").toString(),
        "--listen", "tcp:0:interface=127.0.0.1")) {
      assertThat(bad.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
      assertThat(bad.stderr()).startsWith("twine: --path must be a directory: ")
          .endsWith(" (see 'twine web --help')").doesNotContain("\n");
    }
    try (TwineProcess bad = TwineProcess.start("web", "--path", dir.toString(),
        "--listen", "tcp:0:interface=127.0.0.1", "--mime-type", "log")) {
      assertThat(bad.awaitExit(TwineProcess.WAIT)).isEqualTo(2);
      assertThat(bad.stderr()).startsWith("twine: a MIME type must be given as EXT=TYPE");
    }
  }
}
