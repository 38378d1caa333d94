package dev.twine.web.client;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.tls.TlsClientOptions;
import dev.twine.internet.tls.TlsTransport;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS in memory: the agent speaks TLS to a server whose certificate names {@code localhost},
 * checks it, keeps TLS connections apart in the pool, and says plainly why a handshake failed.
 */
@TwineTest
class HttpsTest {
  private static final String URL = "https://localhost/secret";

  private final MemoryNet net;

  HttpsTest(Clock clock) {
    net = new MemoryNet(clock);
  }

  @AfterEach
  void closePool() {
    net.pool.closeCachedConnections();
    net.flush();
  }

  private Agent trusting() {
    return net.agent();
  }

  @Test
  void speaksHttpOverTlsWithSniAndOffersOnlyHttp11() {
    Deferred<Response> pending = trusting().request(HttpMethod.GET, URL);
    net.accept();

    FakeServer server = net.server(0);
    assertThat(server.request().head().target()).isEqualTo("/secret");
    assertThat(server.request().head().headers().first("Host")).contains("localhost");
    TlsTransport tls = (TlsTransport) server.transport();
    assertThat(tls.serverName()).contains("localhost");
    assertThat(tls.applicationProtocol()).as("h2 is the server's first choice, never offered")
        .contains("http/1.1");
    assertThat(net.destination(0)).isEqualTo("localhost:443");

    server.ok("over tls");
    net.flush();
    Response response = successResultOf(pending);
    assertThat(successResultOf(response.readBody(100)).utf8()).isEqualTo("over tls");
  }

  @Test
  void aSecondRequestReusesThePooledTlsConnection() {
    Agent agent = trusting();
    Deferred<Response> first = agent.request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).ok("1");
    net.flush();
    successResultOf(successResultOf(first).readBody(10));

    Deferred<Response> second = agent.request(HttpMethod.GET, "https://localhost/again");
    net.flush();
    net.server(0).ok("2");
    net.flush();

    assertThat(successResultOf(successResultOf(second).readBody(10)).utf8()).isEqualTo("2");
    assertThat(net.attempts()).isEqualTo(1);
  }

  @Test
  void agentsWithOtherTlsOptionsNeverShareAConnection() {
    Deferred<Response> checked = trusting().request(HttpMethod.GET, URL);
    net.accept();
    net.server(0).ok("checked");
    net.flush();
    successResultOf(successResultOf(checked).readBody(10));

    Agent lax = net.agent(
        AgentOptions.DEFAULT.withTrustRoots(TestCertificates.ROOTS)
            .insecureSkipHostnameVerification());
    Deferred<Response> unchecked = lax.request(HttpMethod.GET, URL);
    net.accept();

    assertThat(net.attempts()).as("the idle verified connection is not lent out").isEqualTo(2);
    net.server(1).ok("lax");
    net.flush();
    assertThat(successResultOf(successResultOf(unchecked).readBody(10)).utf8()).isEqualTo("lax");
  }

  @Test
  void aCertificateThatDoesNotNameTheHostFailsWithAClearConnectError() {
    Deferred<Response> pending = trusting().request(HttpMethod.GET, "https://other.example/");
    net.accept();

    ConnectError error = (ConnectError) failureResultOf(pending, ConnectError.class).exception();
    assertThat(error).hasMessageStartingWith("TLS with https://other.example failed: the server's"
        + " certificate does not name the host");
    assertThat(error.getCause()).isInstanceOf(SSLException.class);
    assertThat(net.server(0).requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void skippingHostnameVerificationAcceptsATrustedCertificateForAnotherName() {
    Agent lax = net.agent(
        AgentOptions.DEFAULT.withTrustRoots(TestCertificates.ROOTS)
            .insecureSkipHostnameVerification());
    Deferred<Response> pending = lax.request(HttpMethod.GET, "https://other.example/");
    net.accept();
    net.server(0).ok("anyway");
    net.flush();

    assertThat(successResultOf(successResultOf(pending).readBody(10)).utf8()).isEqualTo("anyway");
  }

  @Test
  void aCertificateFromAnUntrustedAuthorityFailsWithAClearConnectError() {
    Deferred<Response> pending = net.agent(AgentOptions.DEFAULT).request(HttpMethod.GET, URL);
    net.accept();

    ConnectError error = (ConnectError) failureResultOf(pending, ConnectError.class).exception();
    assertThat(error).hasMessage("TLS with https://localhost failed: the server's certificate is"
        + " not trusted (it does not chain to a trusted root)");
    assertThat(error.getCause()).isInstanceOf(SSLException.class);
  }

  @Test
  void theHandshakeCountsAgainstTheConnectTimeout(Clock clock) {
    Agent agent = net.agent(AgentOptions.DEFAULT.withTrustRoots(TestCertificates.ROOTS)
        .withConnectTimeout(Duration.ofSeconds(2)));
    Deferred<Response> pending = agent.request(HttpMethod.GET, URL);
    StringTransport silent = new StringTransport();
    silent.reportDisconnection(
        net.reactor.tcpClients().get(0).connector().complete(silent).orElseThrow());
    assertThat(silent.value().size()).as("the ClientHello went out").isPositive();

    clock.advance(Duration.ofSeconds(2));

    assertThat(failureResultOf(pending, ConnectTimedOut.class).message())
        .contains("https://localhost");
    assertThat(silent.aborted()).isTrue();
  }

  @Test
  void optionsOfferHttp11WhateverTheCallerAsks() {
    AgentOptions options = AgentOptions.DEFAULT.withTls(TlsClientOptions.DEFAULT.withAlpn("h2"));

    assertThat(options.tls().alpn()).containsExactly("http/1.1");
    assertThat(AgentOptions.DEFAULT.tls().alpn()).containsExactly("http/1.1");
    assertThat(AgentOptions.DEFAULT.tls().verifyHostname()).isTrue();
    assertThat(AgentOptions.DEFAULT.insecureSkipHostnameVerification().tls().verifyHostname())
        .isFalse();
  }
}
