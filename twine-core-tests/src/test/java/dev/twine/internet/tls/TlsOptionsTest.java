package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class TlsOptionsTest {
  private static final CertifiedKey KEY = TlsFixture.SERVER.certifiedKey();

  @Test
  void defaultsAreSecure() {
    TlsClientOptions client = TlsClientOptions.DEFAULT;
    assertThat(client.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(client.verifyHostname()).isTrue();
    assertThat(client.trustRoots()).isEqualTo(TrustRoots.system());
    assertThat(client.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(client.insecureSkipHostnameVerification().verifyHostname()).isFalse();
    assertThat(client.insecureSkipHostnameVerification().toString()).contains("INSECURE");
    assertThat(client.trustsAnyCertificate()).isFalse();
    assertThat(client.insecureSkipHostnameVerification().trustsAnyCertificate()).isFalse();
    TlsClientOptions trustingAny = client.withAlpn("h2").insecureTrustAnyCertificate()
        .withServerName("api.test");
    assertThat(trustingAny.trustsAnyCertificate()).isTrue();
    assertThat(trustingAny.verifyHostname()).isFalse();
    assertThat(trustingAny.alpn()).containsExactly("h2");
    assertThat(trustingAny.toString()).contains("INSECURE: any certificate trusted");

    TlsServerOptions server = TlsServerOptions.of(KEY);
    assertThat(server.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(server.clientAuth()).isEqualTo(ClientAuth.NONE);
    assertThat(server.alpn()).isEmpty();
    assertThat(server.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void copiesChangeOnlyWhatTheyName() {
    TlsServerOptions server = TlsServerOptions.of(KEY).withAlpn("h2").withProtocols("TLSv1.3")
        .withHandshakeTimeout(Duration.ofSeconds(3)).withSni("Example.COM", KEY);
    assertThat(server.alpn()).containsExactly("h2");
    assertThat(server.protocols()).containsExactly("TLSv1.3");
    assertThat(server.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(server.sni()).containsOnlyKeys("example.com");
    assertThat(server.certifiedKey()).isEqualTo(KEY);

    TlsClientOptions client = TlsClientOptions.DEFAULT.withServerName("api.test").withClientCertificate(KEY);
    assertThat(client.serverName()).contains("api.test");
    assertThat(client.clientCertificate()).contains(KEY);
    assertThat(TlsClientOptions.DEFAULT.serverName()).isEmpty();
  }

  @Test
  void serversPreferAes128GcmToAes256GcmAndKeepTheRestInOrder() {
    String[] suites = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"};
    assertThat(OptionChecks.preferAes128(suites)).containsExactly("TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  }

  @Test
  void serverEnginesTakeTheOptionsEachTime() {
    TlsServerOptions options = TlsServerOptions.of(KEY).withAlpn("h2").withProtocols("TLSv1.3")
        .withClientAuth(ClientAuth.OPTIONAL, TrustRoots.of(List.of(TlsFixture.CA.certificate())));
    for (int i = 0; i < 2; i++) {
      SSLEngine engine = options.newEngine();
      assertThat(engine.getUseClientMode()).isFalse();
      assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
      assertThat(engine.getSSLParameters().getApplicationProtocols()).containsExactly("h2");
      assertThat(engine.getWantClientAuth()).isTrue();
      assertThat(engine.getNeedClientAuth()).isFalse();
      assertThat(engine.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
      assertThat(engine.getEnabledCipherSuites()[0]).isEqualTo("TLS_AES_128_GCM_SHA256");
    }
    assertThat(TlsServerOptions.of(KEY).withClientAuth(ClientAuth.REQUIRED, TrustRoots.system()).newEngine()
        .getNeedClientAuth()).isTrue();
  }

  @Test
  void refusesBadValuesAtOnce() {
    assertThatThrownBy(() -> TlsClientOptions.DEFAULT.withProtocols("SSLv3"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown TLS version \"SSLv3\"");
    assertThatThrownBy(() -> TlsClientOptions.DEFAULT.withProtocols())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsClientOptions.DEFAULT.withAlpn("h2", "h2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    assertThatThrownBy(() -> TlsClientOptions.DEFAULT.withAlpn(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 255 bytes");
    assertThatThrownBy(() -> TlsClientOptions.DEFAULT.withHandshakeTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> TlsClientOptions.DEFAULT.withServerName(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsServerOptions.of(KEY).withSni("a.*.test", KEY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.*.test");
    assertThatThrownBy(() -> TlsServerOptions.of(KEY).withSni("a.test", KEY).withSni("A.test", KEY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a certificate");
    assertThatThrownBy(() -> new CertifiedKey(KEY.key(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
