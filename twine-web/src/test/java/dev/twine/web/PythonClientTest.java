package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Python's {@code http.client} against a site on a real socket; skipped without python3. */
class PythonClientTest {
  private static final String SCRIPT = """
      import http.client, sys
      conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
      conn.request("GET", "/hello")
      r = conn.getresponse()
      print(r.status, r.getheader("Content-Type"), r.read().decode())
      sock = conn.sock
      conn.request("POST", "/echo", body=b"posted body", headers={"Content-Type": "text/plain"})
      r = conn.getresponse()
      print(r.status, r.getheader("X-Received"), r.read().decode())
      conn.request("HEAD", "/hello")
      r = conn.getresponse()
      print(r.status, r.getheader("Content-Length"), repr(r.read()))
      conn.request("GET", "/stream")
      r = conn.getresponse()
      print(r.status, r.getheader("Transfer-Encoding"), r.read().decode())
      conn.request("PUT", "/echo", body=iter([b"chunk one ", b"chunk two"]),
                   encode_chunked=True)
      r = conn.getresponse()
      print(r.status, r.read().decode())
      print("same connection:", conn.sock is sock)
      """;

  @Test
  void talksToTheSiteOverOnePersistentConnection() throws Exception {
    assumeTrue(ExternalClient.installed("python3"), "python3 is not installed");
    try (LiveSite site = new LiveSite(LiveTree.root())) {
      ExternalClient.Run run =
          ExternalClient.run("", "python3", "-c", SCRIPT, String.valueOf(site.port()));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines()).containsExactly(
          "200 text/plain Hello!",
          "200 11 posted body",
          "200 6 b''",
          "200 chunked one two three",
          "200 chunk one chunk two",
          "same connection: True");
      assertThat(site.connections()).isEqualTo(1);
    }
  }
}
