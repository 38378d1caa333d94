package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.internet.ConnectionDone;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Twine's TLS against peers no one here wrote: OpenSSL's s_client and s_server, curl, Python's
 * {@code ssl} module and Twisted. Each test skips, saying why, when its peer is not installed.
 */
@Timeout(120)
class RealPeersTest {
  private final TlsFixture fixture = new TlsFixture();

  @TempDir
  Path directory;

  private String ca;
  private String key;
  private String cert;

  @BeforeEach
  void writeCertificates() {
    ca = TestCertificates.write(directory, "ca.pem", TestCertificates.pem(TlsFixture.CA.certificate())).toString();
    key = TestCertificates.write(directory, "key.pem",
        TestCertificates.traditional(TlsFixture.SERVER.keys().getPrivate())).toString();
    cert = TestCertificates.write(directory, "cert.pem", TlsFixture.SERVER.chainPem()).toString();
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private static String require(Optional<String> peer, String what) {
    assumeTrue(peer.isPresent(), what + " is not installed (apt-get install " + what + "); skipping");
    return peer.orElseThrow();
  }

  /** Answers the first line with "echo: LINE" and closes. */
  private static final class LineEcho extends Recorder {
    @Override
    public void dataReceived(Bytes data) {
      super.dataReceived(data);
      if (text().contains("\n")) {
        transport().write(Bytes.utf8("echo: " + text()));
        transport().loseConnection();
      }
    }
  }

  /** Answers one HTTP/1.1 request with a short text and closes. */
  private static final class HttpHello extends Recorder {
    @Override
    public void dataReceived(Bytes data) {
      super.dataReceived(data);
      if (text().contains("\r\n\r\n")) {
        transport().write(Bytes.utf8("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 16\r\n"
            + "Connection: close\r\n\r\nhello from twine"));
        transport().loseConnection();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"-tls1_3, TLSv1.3", "-tls1_2, TLSv1.2"})
  void opensslClientTalksToTwinesServer(String flag, String version) throws Exception {
    String openssl = require(Peers.tool("openssl"), "openssl");
    LineEcho server = new LineEcho();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withAlpn("http/1.1"));

    try (Peers.Running client = new Peers.Running(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
        "-servername", "localhost", "-CAfile", ca, "-verify_return_error", "-brief", flag, "-alpn", "http/1.1",
        "-ign_eof"), "hello twine\n")) {
      String output = client.awaitExit();
      assertThat(output).contains("Protocol version: " + version).contains("Verification: OK")
          .contains("echo: hello twine");
      assertThat(client.exitValue()).isZero();
    }
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(fixture.loop.call(() -> ((TlsTransport) server.transport()).applicationProtocol())).contains("http/1.1");
  }

  @Test
  void answersAKeyUpdateThatOpensslRequests() throws Exception {
    String openssl = require(Peers.tool("openssl"), "openssl");
    Recorder server = new Recorder() {
      private int answered;

      @Override
      public void dataReceived(Bytes data) {
        super.dataReceived(data);
        String[] lines = text().split("\n", -1);
        for (; answered < lines.length - 1; answered++) {
          transport().write(Bytes.utf8("echo: " + lines[answered] + "\n"));
        }
      }
    };
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);

    try (Peers.Running client = new Peers.Running(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
        "-servername", "localhost", "-CAfile", ca, "-tls1_3", "-msg"), "hello\n")) {
      client.awaitOutput("echo: hello");
      client.send("K\n");
      client.awaitOutput("KEYUPDATE");
      client.send("again\n");
      String output = client.awaitOutput("echo: again");
      assertThat(output).contains("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
    }
    assertThat(fixture.loop.call(server::text)).isEqualTo("hello\nagain\n");
  }

  @Test
  void twinesClientTalksToOpensslServer() throws Exception {
    String openssl = require(Peers.tool("openssl"), "openssl");
    int port = freePort();
    try (Peers.Running server = new Peers.Running(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port,
        "-cert", cert, "-key", key, "-www", "-naccept", "1"), "")) {
      server.awaitOutput("ACCEPT");
      Recorder client = fixture.connected(port, "localhost", TlsFixture.CLIENT_OPTIONS, new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().write(Bytes.utf8("GET / HTTP/1.0\r\n\r\n"));
        }
      });

      assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
      assertThat(client.text()).startsWith("HTTP/1.0 200 ok").contains("s_server");
    }
  }

  @Test
  void curlFetchesFromTwinesServer() throws Exception {
    String curl = require(Peers.tool("curl"), "curl");
    int port = fixture.listen(address -> new HttpHello(), TlsFixture.SERVER_OPTIONS.withAlpn("http/1.1"));

    try (Peers.Running client = new Peers.Running(List.of(curl, "-sS", "--max-time", "10", "--cacert", ca,
        "--resolve", "localhost:" + port + ":127.0.0.1", "-w", "\n%{http_code} %{ssl_verify_result}",
        "https://localhost:" + port + "/"), "")) {
      String output = client.awaitExit();
      assertThat(output).isEqualTo("hello from twine\n200 0");
      assertThat(client.exitValue()).isZero();
    }
  }

  @Test
  void pythonSslClientTalksToTwinesServer() throws Exception {
    String python = require(Peers.python("ssl"), "python3");
    TlsFixture.Echo server = new TlsFixture.Echo();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withAlpn("h2", "http/1.1"));
    Path script = TestCertificates.write(directory, "client.py", """
        import socket, ssl, sys
        ctx = ssl.create_default_context(cafile=sys.argv[2])
        ctx.set_alpn_protocols(['http/1.1'])
        with socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname='localhost') as tls:
                tls.sendall(b'ping from python')
                data = b''
                while len(data) < 16:
                    chunk = tls.recv(100)
                    if not chunk:
                        break
                    data += chunk
                print(tls.version(), tls.selected_alpn_protocol(), data.decode())
                tls.unwrap()
        """);

    try (Peers.Running client = new Peers.Running(List.of(python, script.toString(), String.valueOf(port), ca), "")) {
      assertThat(client.awaitExit()).isEqualTo("TLSv1.3 http/1.1 ping from python\n");
      assertThat(client.exitValue()).isZero();
    }
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
  }

  @Test
  void twinesClientTalksToPythonSslServer() throws Exception {
    String python = require(Peers.python("ssl"), "python3");
    Path script = TestCertificates.write(directory, "server.py", """
        import socket, ssl, sys
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[1], sys.argv[2])
        with socket.create_server(('127.0.0.1', 0)) as listener:
            listener.settimeout(20)
            print(listener.getsockname()[1], flush=True)
            conn, _ = listener.accept()
            conn.settimeout(20)
            with ctx.wrap_socket(conn, server_side=True) as tls:
                data = tls.recv(100)
                tls.sendall(b'py:' + data)
                tls.unwrap()
        """);

    try (Peers.Running server = new Peers.Running(List.of(python, script.toString(), cert, key), "")) {
      int port = Integer.parseInt(server.awaitOutput("\n").strip());
      Recorder client = fixture.connected(port, "localhost", TlsFixture.CLIENT_OPTIONS, new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().write(Bytes.utf8("hi"));
        }
      });

      assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
      assertThat(client.text()).isEqualTo("py:hi");
      server.awaitExit();
      assertThat(server.exitValue()).isZero();
    }
  }

  @Test
  void twistedClientTalksToTwinesServer() throws Exception {
    String python = require(Peers.python("twisted", "OpenSSL"), "python3-twisted");
    TlsFixture.Echo server = new TlsFixture.Echo();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    Path script = TestCertificates.write(directory, "twisted_client.py", """
        import sys
        from twisted.internet import ssl, task, endpoints, protocol, defer

        def main(reactor, port, ca):
            with open(ca) as f:
                authority = ssl.Certificate.loadPEM(f.read())
            options = ssl.optionsForClientTLS('localhost', trustRoot=authority)
            endpoint = endpoints.wrapClientTLS(options, endpoints.TCP4ClientEndpoint(reactor, '127.0.0.1', int(port)))
            done = defer.Deferred()

            class Ping(protocol.Protocol):
                got = b''

                def connectionMade(self):
                    self.transport.write(b'ping from twisted')

                def dataReceived(self, data):
                    self.got += data
                    if len(self.got) >= 17:
                        self.transport.loseConnection()

                def connectionLost(self, reason):
                    print(self.got.decode(), reason.type.__name__)
                    done.callback(None)

            return endpoints.connectProtocol(endpoint, Ping()).addCallback(lambda _: done)

        task.react(main, sys.argv[1:])
        """);

    try (Peers.Running client = new Peers.Running(List.of(python, script.toString(), String.valueOf(port), ca), "")) {
      assertThat(client.awaitExit()).contains("ping from twisted ConnectionDone");
      assertThat(client.exitValue()).isZero();
    }
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
  }

  @Test
  void twinesClientTalksToTwistedServer() throws Exception {
    String python = require(Peers.python("twisted", "OpenSSL"), "python3-twisted");
    Path script = TestCertificates.write(directory, "twisted_server.py", """
        import sys
        from twisted.internet import task, endpoints, protocol, defer

        def main(reactor, key, cert):
            done = defer.Deferred()

            class Reply(protocol.Protocol):
                def dataReceived(self, data):
                    self.transport.write(b'tw:' + data)
                    self.transport.loseConnection()

                def connectionLost(self, reason):
                    done.callback(None)

            endpoint = endpoints.serverFromString(
                reactor, 'ssl:0:interface=127.0.0.1:privateKey=%s:certKey=%s' % (key, cert))
            return (endpoint.listen(protocol.Factory.forProtocol(Reply))
                    .addCallback(lambda port: print(port.getHost().port, flush=True))
                    .addCallback(lambda _: done))

        task.react(main, sys.argv[1:])
        """);

    try (Peers.Running server = new Peers.Running(List.of(python, script.toString(), key, cert), "")) {
      int port = Integer.parseInt(server.awaitOutput("\n").strip());
      Recorder client = fixture.connected(port, "localhost", TlsFixture.CLIENT_OPTIONS, new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().write(Bytes.utf8("hi"));
        }
      });

      assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
      assertThat(client.text()).isEqualTo("tw:hi");
      server.awaitExit();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
