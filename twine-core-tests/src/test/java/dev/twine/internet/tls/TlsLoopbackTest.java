package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.Connector;
import dev.twine.internet.Protocol;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TlsLoopbackTest {
  private final TlsFixture fixture = new TlsFixture();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void echoesOverEachVersionAndClosesCleanly(String version) {
    TlsFixture.Echo server = new TlsFixture.Echo();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withProtocols(version));
    Recorder client = fixture.connect(port, new Recorder());

    TlsTransport transport = fixture.loop.call(() -> (TlsTransport) client.transport());
    assertThat(fixture.loop.call(transport::tlsVersion)).isEqualTo(version);
    assertThat(fixture.loop.call(transport::secure)).isTrue();
    // the JDK client lists AES-256-GCM first; the server's preference for AES-128-GCM wins
    assertThat(fixture.loop.call(transport::cipherSuite)).contains("_AES_128_GCM_SHA256");
    assertThat(fixture.loop.call(transport::peerCertificates)).first().isEqualTo(TlsFixture.SERVER.certificate());

    fixture.loop.call(() -> {
      client.transport().write(Bytes.utf8("hello, "));
      client.transport().write(Bytes.utf8("world"));
      return null;
    });
    assertThat(fixture.await(() -> client.receivedAtLeast(12)).utf8()).isEqualTo("hello, world");

    fixture.loop.call(() -> {
      client.transport().loseConnection();
      return null;
    });
    Failure clientEnd = fixture.await(() -> client.lost);
    Failure serverEnd = fixture.await(() -> server.lost);
    assertThat(clientEnd.exception()).isInstanceOf(ConnectionDone.class);
    assertThat(serverEnd.exception()).isInstanceOf(ConnectionDone.class);
    assertThat(server.events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void agreesOnTheServersPreferredAlpnProtocol() {
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withAlpn("h2", "http/1.1"));
    Recorder client = fixture.connected(port, "localhost", TlsFixture.CLIENT_OPTIONS.withAlpn("http/1.1", "h2"),
        new Recorder());

    assertThat(fixture.loop.call(() -> ((TlsTransport) client.transport()).applicationProtocol())).contains("h2");
    fixture.await(() -> server.made);
    assertThat(fixture.loop.call(() -> ((TlsTransport) server.transport()).applicationProtocol())).contains("h2");
  }

  @Test
  void reportsNoAlpnProtocolWhenTheClientOffersNone() {
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withAlpn("h2"));
    Recorder client = fixture.connect(port, new Recorder());

    assertThat(fixture.loop.call(() -> ((TlsTransport) client.transport()).applicationProtocol())).isEmpty();
    fixture.await(() -> server.made);
    assertThat(fixture.loop.call(() -> ((TlsTransport) server.transport()).applicationProtocol())).isEmpty();
  }

  @Test
  void refusesAClientWhoseAlpnProtocolsItDoesNotSpeak() {
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withAlpn("h2"));

    Outcome<Recorder> outcome = fixture.connect(port, "localhost", TlsFixture.CLIENT_OPTIONS.withAlpn("spdy/3"),
        new Recorder());

    assertThat(failure(outcome)).isInstanceOf(ConnectError.class).hasMessageContaining("no_application_protocol");
    assertThat(fixture.loop.call(() -> List.copyOf(server.events))).isEmpty();
  }

  @Test
  void presentsTheCertificateForTheNameTheClientAsksFor() {
    TestCertificates.Issued a = TlsFixture.CA.issue("a.test", "a.test");
    TestCertificates.Issued b = TlsFixture.CA.issue("b.test wildcard", "*.b.test");
    TlsServerOptions options = TlsFixture.SERVER_OPTIONS
        .withSni("a.test", a.certifiedKey())
        .withSni("*.b.test", b.certifiedKey());
    List<Recorder> servers = new ArrayList<>();
    int port = fixture.listen(address -> {
      Recorder server = new Recorder();
      servers.add(server);
      return server;
    }, options);

    assertThat(serverCertificate(port, "a.test", TlsFixture.CLIENT_OPTIONS)).isEqualTo(a.certificate());
    assertThat(serverCertificate(port, "x.b.test", TlsFixture.CLIENT_OPTIONS)).isEqualTo(b.certificate());
    assertThat(serverCertificate(port, "localhost", TlsFixture.CLIENT_OPTIONS))
        .isEqualTo(TlsFixture.SERVER.certificate());
    assertThat(serverCertificate(port, "localhost",
        TlsFixture.CLIENT_OPTIONS.withServerName("other.test").insecureSkipHostnameVerification()))
        .isEqualTo(TlsFixture.SERVER.certificate());
    List<String> asked = new ArrayList<>();
    for (Recorder server : fixture.loop.call(() -> List.copyOf(servers))) {
      fixture.await(() -> server.made);
      asked.add(fixture.loop.call(() -> ((TlsTransport) server.transport()).serverName().orElse("-")));
    }
    assertThat(asked).containsExactly("a.test", "x.b.test", "localhost", "other.test");
  }

  private X509Certificate serverCertificate(int port, String host, TlsClientOptions options) {
    Recorder client = fixture.connected(port, host, options, new Recorder());
    return fixture.loop.call(() -> ((TlsTransport) client.transport()).peerCertificates().get(0));
  }

  @Test
  void acceptsARequiredClientCertificateAndShowsIt() {
    TestCertificates.Issued user = TlsFixture.CA.issue("alice");
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withClientAuth(ClientAuth.REQUIRED,
        TrustRoots.of(List.of(TlsFixture.CA.certificate()))));

    fixture.connected(port, "localhost", TlsFixture.CLIENT_OPTIONS.withClientCertificate(user.certifiedKey()),
        new Recorder());

    fixture.await(() -> server.made);
    assertThat(fixture.loop.call(() -> ((TlsTransport) server.transport()).peerCertificates()))
        .first().isEqualTo(user.certificate());
  }

  @Test
  void letsAClientWithoutCertificateInWhenItIsOptional() {
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withClientAuth(ClientAuth.OPTIONAL,
        TrustRoots.of(List.of(TlsFixture.CA.certificate()))));

    fixture.connect(port, new Recorder());

    fixture.await(() -> server.made);
    assertThat(fixture.loop.call(() -> ((TlsTransport) server.transport()).peerCertificates())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void refusesAClientWithoutATrustedCertificateWhenOneIsRequired(boolean presentsUntrusted) {
    TestCertificates.Issued stranger = TestCertificates.authority("Other CA").issue("mallory");
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withClientAuth(ClientAuth.REQUIRED,
        TrustRoots.of(List.of(TlsFixture.CA.certificate()))));
    TlsClientOptions options = presentsUntrusted
        ? TlsFixture.CLIENT_OPTIONS.withClientCertificate(stranger.certifiedKey()) : TlsFixture.CLIENT_OPTIONS;

    Recorder client = new Recorder();
    Outcome<Recorder> outcome = fixture.connect(port, "localhost", options, client);

    // With TLS 1.3 the client may finish its side before the server refuses it: then its connection
    // ends uncleanly at once.
    if (outcome.succeeded()) {
      assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionLost.class);
    } else {
      assertThat(failure(outcome)).isInstanceOf(ConnectError.class);
    }
    assertThat(fixture.loop.call(() -> List.copyOf(server.events))).isEmpty();
  }

  @Test
  void failsClearlyWhenTheCertificateDoesNotNameTheHost() {
    int port = fixture.listen(address -> new Recorder(), TlsFixture.SERVER_OPTIONS);

    Outcome<Recorder> outcome = fixture.connect(port, "wrong.test", TlsFixture.CLIENT_OPTIONS, new Recorder());

    assertThat(failure(outcome)).isInstanceOf(ConnectError.class)
        .hasMessageContaining("TLS handshake").hasMessageContaining("wrong.test");
  }

  @Test
  void connectsWithoutHostnameVerificationOnlyWhenAskedTo() {
    int port = fixture.listen(address -> new Recorder(), TlsFixture.SERVER_OPTIONS);

    Outcome<Recorder> outcome = fixture.connect(port, "wrong.test",
        TlsFixture.CLIENT_OPTIONS.insecureSkipHostnameVerification(), new Recorder());

    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void trustsASelfSignedExpiredCertificateForAnotherNameOnlyWhenAskedTo() {
    Instant now = Instant.now();
    TestCertificates.Issued selfSigned = TestCertificates.authority("nobody trusts me");
    TestCertificates.Issued expired = selfSigned.issue("other.test", TestCertificates.rsa(),
        now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), "other.test");
    for (TestCertificates.Issued served : List.of(selfSigned, expired)) {
      int port = fixture.listen(address -> new Recorder(), TlsServerOptions.of(served.certifiedKey()));

      Outcome<Recorder> insecure = fixture.connect(port, "localhost",
          TlsClientOptions.DEFAULT.insecureTrustAnyCertificate(), new Recorder());
      Outcome<Recorder> secure = fixture.connect(port, "localhost", TlsClientOptions.DEFAULT,
          new Recorder());

      assertThat(insecure.succeeded()).as("insecure connection to %s", served.certificate()
          .getSubjectX500Principal()).isTrue();
      assertThat(failure(secure)).isInstanceOf(ConnectError.class)
          .hasMessageContaining("TLS handshake");
    }
  }

  @Test
  void failsWhenTheCertificateHasExpired() {
    Instant now = Instant.now();
    TestCertificates.Issued expired = TlsFixture.CA.issue("localhost", TestCertificates.rsa(),
        now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), "localhost");
    int port = fixture.listen(address -> new Recorder(), TlsServerOptions.of(expired.certifiedKey()));

    Outcome<Recorder> outcome = fixture.connect(port, "localhost", TlsFixture.CLIENT_OPTIONS, new Recorder());

    assertThat(failure(outcome)).isInstanceOf(ConnectError.class).hasMessageContaining("TLS handshake");
    assertThat(causes(failure(outcome))).anySatisfy(cause ->
        assertThat(cause).isInstanceOf(java.security.cert.CertificateExpiredException.class));
  }

  @Test
  void failsWhenTheCertificateComesFromAnUntrustedAuthority() {
    int port = fixture.listen(address -> new Recorder(), TlsFixture.SERVER_OPTIONS);
    TlsClientOptions trustingAnother = TlsClientOptions.DEFAULT.withTrustRoots(
        TrustRoots.of(List.of(TestCertificates.authority("Other CA").certificate())));

    Outcome<Recorder> outcome = fixture.connect(port, "localhost", trustingAnother, new Recorder());

    assertThat(failure(outcome)).isInstanceOf(ConnectError.class)
        .hasMessageContaining("unable to find valid certification path");
  }

  @Test
  void connectTlsTellsTheFactoryAboutAFailedHandshake() {
    int port = fixture.listen(address -> new Recorder(), TlsFixture.SERVER_OPTIONS);
    Deferred<Failure> failed = new Deferred<>();
    List<String> calls = new ArrayList<>();

    fixture.loop.call(() -> fixture.loop.reactor.connectTls("127.0.0.1", port, new ClientFactory() {
      @Override
      public Protocol buildProtocol(Address address) {
        return new Recorder();
      }

      @Override
      public void clientConnectionFailed(Connector connector, Failure reason) {
        calls.add("failed");
        failed.callback(reason);
      }

      @Override
      public void clientConnectionLost(Connector connector, Failure reason) {
        calls.add("lost");
      }
    }, TlsFixture.CLIENT_OPTIONS.withServerName("wrong.test")));

    assertThat(fixture.await(() -> failed).exception()).isInstanceOf(ConnectError.class)
        .hasMessageContaining("wrong.test");
    assertThat(calls).containsExactly("failed");
  }

  @Test
  void connectTlsConnectsTheProtocolAfterTheHandshake() {
    TlsFixture.Echo server = new TlsFixture.Echo();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    Recorder client = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        events.add("version " + ((TlsTransport) transport()).tlsVersion());
        transport().write(Bytes.utf8("ping"));
      }
    };

    fixture.loop.call(() -> fixture.loop.reactor.connectTls("localhost", port, ClientFactory.forProtocol(() -> client),
        TlsFixture.CLIENT_OPTIONS));

    assertThat(fixture.await(() -> client.receivedAtLeast(4)).utf8()).isEqualTo("ping");
    assertThat(client.events).containsExactly("made", "version TLSv1.3");
  }

  private static Throwable failure(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    return ((Outcome.Failed<?>) outcome).failure().exception();
  }

  private static List<Throwable> causes(Throwable top) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = top; cause != null && !chain.contains(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }
}
