package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** curl against a site on a real socket; skipped when curl is not installed. */
class CurlTest {
  private static LiveSite site;

  @BeforeAll
  static void start() {
    assumeTrue(ExternalClient.installed("curl"), "curl is not installed: apt-get install curl");
    site = new LiveSite(LiveTree.root());
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  private static ExternalClient.Run curl(String input, String... arguments) throws Exception {
    String[] command = new String[arguments.length + 3];
    command[0] = "curl";
    command[1] = "--silent";
    command[2] = "--show-error";
    System.arraycopy(arguments, 0, command, 3, arguments.length);
    ExternalClient.Run run = ExternalClient.run(input, command);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  @Test
  void reusesTheConnectionForTwoUrls() throws Exception {
    ExternalClient.Run run = curl("", "--verbose", site.url() + "/hello", site.url() + "/stream");
    assertThat(run.out()).isEqualTo("Hello!one two three");
    assertThat(run.err()).contains("Re-using existing connection");
  }

  @Test
  void getsOnlyTheHeadersWithHead() throws Exception {
    ExternalClient.Run run = curl("", "--head", site.url() + "/hello");
    assertThat(run.out()).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 6\r\n")
        .contains("Content-Type: text/plain\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void uploadsAChunkedBody() throws Exception {
    String body = "line of an upload\n".repeat(20_000);
    ExternalClient.Run run = curl(body, "--header", "Transfer-Encoding: chunked",
        "--data-binary", "@-", "--dump-header", "/dev/stderr", site.url() + "/echo");
    assertThat(run.out()).isEqualTo(body);
    assertThat(run.err()).contains("X-Received: " + body.length());
  }

  @Test
  void uploadsAfterOneHundredContinue() throws Exception {
    String body = "x".repeat(2_000_000);
    ExternalClient.Run run = curl(body, "--verbose", "--expect100-timeout", "30",
        "--header", "Expect: 100-continue", "--data-binary", "@-", "-o", "/dev/null",
        "--write-out", "%{http_code} %{size_download}", site.url() + "/echo");
    assertThat(run.out()).isEqualTo("200 " + body.length());
    assertThat(run.err()).contains("HTTP/1.1 100 Continue");
  }

  @Test
  void downloadsALargeProducedBody() throws Exception {
    ExternalClient.Run run = curl("", "-o", "/dev/null",
        "--write-out", "%{size_download}", site.url() + "/big");
    assertThat(run.out()).isEqualTo(String.valueOf(LiveTree.BIG));
  }
}
