package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.endpoints.EndpointSyntaxException;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.HostnameEndpoint;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ssl: and tls: endpoint strings, found through the parser SPI. */
@Timeout(60)
class TlsEndpointsTest {
  private final TlsFixture fixture = new TlsFixture();

  @TempDir
  Path directory;

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private Path caFile() {
    return TestCertificates.write(directory, "ca.pem", TestCertificates.pem(TlsFixture.CA.certificate()));
  }

  private int listen(String description, Recorder server) {
    return listen(description, () -> server);
  }

  private int listen(String description, java.util.function.Supplier<Recorder> servers) {
    ListeningPort port = fixture.await(() -> Endpoints.server(fixture.loop.reactor, description)
        .listen(address -> servers.get()));
    return ((IPv4Address) port.address()).port();
  }

  private Recorder connect(String description) {
    Recorder client = new Recorder();
    fixture.await(() -> Endpoints.client(fixture.loop.reactor, description).connectProtocol(client));
    return client;
  }

  private X509Certificate peerCertificate(Recorder client) {
    return fixture.loop.call(() -> ((TlsTransport) client.transport()).peerCertificates().get(0));
  }

  @Test
  void servesWithTwistedsSslStringAndConnectsWithATlsString() {
    Path key = TestCertificates.write(directory, "key.pem",
        TestCertificates.traditional(TlsFixture.SERVER.keys().getPrivate()));
    Path cert = TestCertificates.write(directory, "cert.pem", TlsFixture.SERVER.chainPem());
    TlsFixture.Echo server = new TlsFixture.Echo();
    int port = listen("ssl:0:privateKey=" + key + ":certKey=" + cert + ":interface=127.0.0.1:backlog=5", server);

    Recorder client = connect("tls:host=localhost:port=" + port + ":trustRoots=" + caFile() + ":timeout=5");
    fixture.loop.call(() -> {
      client.transport().write(Bytes.utf8("over strings"));
      return null;
    });

    assertThat(fixture.await(() -> client.receivedAtLeast(12)).utf8()).isEqualTo("over strings");
    assertThat(fixture.loop.call(() -> client.transport().secure())).isTrue();
  }

  @Test
  void sendsTheExtraChainSoClientsTrustingOnlyTheRootConnect() {
    TestCertificates.Issued intermediate = TlsFixture.CA.intermediate("Twine Intermediate");
    TestCertificates.Issued leaf = intermediate.issue("localhost", "localhost");
    Path key = TestCertificates.write(directory, "leaf.pem",
        TestCertificates.pkcs8(leaf.keys().getPrivate()) + TestCertificates.pem(leaf.certificate()));
    Path chain = TestCertificates.write(directory, "chain.pem", TestCertificates.pem(intermediate.certificate()));
    int port = listen("ssl:0:privateKey=" + key + ":extraCertChain=" + chain + ":interface=127.0.0.1", new Recorder());

    Recorder client = connect("tls:localhost:" + port + ":trustRoots=" + caFile());

    assertThat(fixture.loop.call(() -> ((TlsTransport) client.transport()).peerCertificates()))
        .containsExactly(leaf.certificate(), intermediate.certificate());
  }

  @Test
  void picksTheCertificateByNameFromADirectory() {
    TestCertificates.Issued a = TlsFixture.CA.issue("a.test", "a.test");
    TestCertificates.Issued b = TlsFixture.CA.issue("wildcard b.test", "*.b.test");
    Path certificates = directory.resolve("certificates");
    assertThat(certificates.toFile().mkdir()).isTrue();
    TestCertificates.write(certificates, "a.test.pem", a.pem());
    TestCertificates.write(certificates, "_.b.test.key", TestCertificates.pkcs8(b.keys().getPrivate()));
    TestCertificates.write(certificates, "_.b.test.crt", b.chainPem());
    TestCertificates.write(certificates, "default.pem", TlsFixture.SERVER.pem());
    TestCertificates.write(certificates, "README", "certificates for the test");
    int port = listen("tls:0:certificates=" + certificates + ":interface=127.0.0.1", Recorder::new);
    String client = "tls:host=127.0.0.1:port=" + port + ":trustRoots=" + caFile();

    assertThat(peerCertificate(connect(client + ":serverName=a.test"))).isEqualTo(a.certificate());
    assertThat(peerCertificate(connect(client + ":serverName=c.b.test"))).isEqualTo(b.certificate());
    assertThat(peerCertificate(connect(client + ":serverName=localhost"))).isEqualTo(TlsFixture.SERVER.certificate());
  }

  @Test
  void acceptsTwistedsOlderSslClientStringWithACaDirectory() {
    Path cas = directory.resolve("cas");
    assertThat(cas.toFile().mkdir()).isTrue();
    TestCertificates.write(cas, "ca.pem", TestCertificates.pem(TlsFixture.CA.certificate()));
    Path both = TestCertificates.write(directory, "server.pem", TlsFixture.SERVER.pem());
    int port = listen("ssl:0:privateKey=" + both + ":interface=127.0.0.1", new Recorder());

    Recorder client = connect("ssl:host=localhost:port=" + port + ":caCertsDir=" + cas);

    assertThat(peerCertificate(client)).isEqualTo(TlsFixture.SERVER.certificate());
  }

  @Test
  void presentsAClientCertificateGivenInTheString() {
    TestCertificates.Issued alice = TlsFixture.CA.issue("alice");
    Path aliceKey = TestCertificates.write(directory, "alice.key", TestCertificates.pkcs8(alice.keys().getPrivate()));
    Path aliceCert = TestCertificates.write(directory, "alice.crt", alice.chainPem());
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withClientAuth(ClientAuth.REQUIRED,
        TrustRoots.of(List.of(TlsFixture.CA.certificate()))));

    connect("tls:host=localhost:port=" + port + ":trustRoots=" + caFile() + ":privateKey=" + aliceKey
        + ":certKey=" + aliceCert);

    fixture.await(() -> server.made);
    assertThat(fixture.loop.call(() -> ((TlsTransport) server.transport()).peerCertificates().get(0)))
        .isEqualTo(alice.certificate());
  }

  @Test
  void readsTheTlsParametersOfAClientString() {
    TestCertificates.Issued alice = TlsFixture.CA.issue("alice");
    Path aliceFile = TestCertificates.write(directory, "alice.pem", alice.pem());

    TlsClientEndpoint parsed = (TlsClientEndpoint) Endpoints.client(fixture.loop.reactor,
        "tls:host=example.test:port=8443:trustRoots=" + caFile() + ":serverName=api.test:privateKey=" + aliceFile
            + ":timeout=2.5");

    assertThat(parsed.host()).isEqualTo("example.test");
    assertThat(parsed.options().serverName()).contains("api.test");
    assertThat(parsed.options().verifyHostname()).isTrue();
    assertThat(parsed.options().trustRoots().certificates()).contains(List.of(TlsFixture.CA.certificate()));
    assertThat(parsed.options().clientCertificate().orElseThrow().certificate()).isEqualTo(alice.certificate());
    HostnameEndpoint tcp = (HostnameEndpoint) parsed.inner();
    assertThat(tcp.host()).isEqualTo("example.test");
    assertThat(tcp.port()).isEqualTo(8443);
    assertThat(((TlsClientEndpoint) Endpoints.client(fixture.loop.reactor, "tls:example.test:443")).options())
        .isSameAs(TlsClientOptions.DEFAULT);
  }

  @Test
  void namesWhatIsWrongWithAString() {
    Path both = TestCertificates.write(directory, "server.pem", TlsFixture.SERVER.pem());

    assertThatThrownBy(() -> Endpoints.server(fixture.loop.reactor, "ssl:8443"))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("missing privateKey");
    assertThatThrownBy(() -> Endpoints.server(fixture.loop.reactor, "ssl:8443:privateKey=" + both + ":sslmethod=x"))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("unknown parameter \"sslmethod\"");
    assertThatThrownBy(() -> Endpoints.server(fixture.loop.reactor, "tls:8443:privateKey=" + both
        + ":certificates=" + directory)).isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("either");
    assertThatThrownBy(() -> Endpoints.server(fixture.loop.reactor, "ssl:8443:privateKey=/nonexistent/key.pem"))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("/nonexistent/key.pem");
    Path empty = directory.resolve("empty");
    assertThat(empty.toFile().mkdir()).isTrue();
    assertThatThrownBy(() -> Endpoints.server(fixture.loop.reactor, "tls:8443:certificates=" + empty))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("holds no certificate");
    assertThatThrownBy(() -> Endpoints.client(fixture.loop.reactor, "tls:localhost:443:trustRoots=/nonexistent"))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("/nonexistent");
    assertThatThrownBy(() -> Endpoints.client(fixture.loop.reactor, "tls:host=localhost"))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("missing port");
    assertThatThrownBy(() -> Endpoints.client(fixture.loop.reactor, "tls:localhost:443:certKey=" + both))
        .isInstanceOf(EndpointSyntaxException.class).hasMessageContaining("certKey needs privateKey");
  }
}
