package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.internet.tls.CertifiedKey;
import dev.twine.internet.tls.TlsClientOptions;
import dev.twine.internet.tls.TlsServerOptions;
import dev.twine.internet.tls.TrustRoots;
import dev.twine.web.client.EndpointFactory;
import dev.twine.web.websocket.WebSocketClient;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket over TLS ({@code wss://}) on a real socket, with a certificate for 127.0.0.1 that
 * {@code openssl} makes; skipped when openssl is not installed.
 */
class WebSocketTlsTest {

  private static boolean opensslInstalled() throws InterruptedException {
    try {
      return ExternalClient.run("", "openssl", "version").exitCode() == 0;
    } catch (IOException notFound) {
      return false;
    }
  }

  private static Path certificate(Path dir) throws Exception {
    assumeTrue(opensslInstalled(), "openssl is not installed (apt-get install openssl)");
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    ExternalClient.Run run = ExternalClient.run("", "openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return dir;
  }

  private static LiveSite secureEchoSite(Path dir) {
    CertifiedKey key = CertifiedKey.load(dir.resolve("key.pem"), dir.resolve("cert.pem"));
    return new LiveSite(reactor -> new Resource().putChild("ws", new WebSocketResource(reactor,
        WebSocketOptions.DEFAULT, WebSocketJdkClientTest.Echo::new)), SiteOptions.DEFAULT,
        TlsServerOptions.of(key));
  }

  @Test
  void theClientTalksToTheServerOverTls(@TempDir Path dir) throws Exception {
    certificate(dir);
    try (LiveSite site = secureEchoSite(dir)) {
      TlsClientOptions trust = TlsClientOptions.DEFAULT
          .withTrustRoots(TrustRoots.load(dir.resolve("cert.pem")));
      WebSocketPythonPeersTest.Collecting client = new WebSocketPythonPeersTest.Collecting();
      LiveSite.await(site.call(() -> new WebSocketClient(site.reactor,
              EndpointFactory.standard(site.reactor, trust), WebSocketOptions.DEFAULT,
              new SecureRandom(), WebSocketClient.DEFAULT_TIMEOUT)
          .connect(URI.create("wss://127.0.0.1:" + site.port() + "/ws"), client)
          .toCompletableFuture()));
      assertThat(client.next()).isEqualTo("open false");
      site.call(() -> {
        client.connection().sendMessage("over TLS");
        return null;
      });
      assertThat(client.next()).isEqualTo("text 8");
      site.call(() -> {
        client.connection().sendClose();
        return null;
      });
      assertThat(client.next()).isEqualTo("close true 1000");
    }
  }

  @Test
  void theJdkClientTalksToTheServerOverTls(@TempDir Path dir) throws Exception {
    certificate(dir);
    KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
    roots.load(null, null);
    roots.setCertificateEntry("site", CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem")))));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    trust.init(roots);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    try (LiveSite site = secureEchoSite(dir);
        HttpClient http = HttpClient.newBuilder().sslContext(context).build()) {
      WebSocketJdkClientTest.Heard heard = new WebSocketJdkClientTest.Heard();
      WebSocket socket = http.newWebSocketBuilder()
          .buildAsync(URI.create("wss://127.0.0.1:" + site.port() + "/ws"), heard)
          .get(10, TimeUnit.SECONDS);
      socket.sendText("secure hello", true).join();
      assertThat(heard.next()).isEqualTo("text secure hello");
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
      assertThat(heard.next()).isEqualTo("close 1000 ");
    }
  }
}
