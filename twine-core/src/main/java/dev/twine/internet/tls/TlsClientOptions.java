package dev.twine.internet.tls;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * How a TLS client checks the server and presents itself: trust roots, host name verification,
 * the SNI name, ALPN protocols, an optional client certificate, TLS versions and the handshake
 * timeout.
 *
 * <pre>{@code
 * TlsClientOptions options = TlsClientOptions.DEFAULT
 *     .withTrustRoots(TrustRoots.load(Path.of("ca.pem")))
 *     .withAlpn("h2", "http/1.1");
 * reactor.connectTls("example.com", 443, factory, options);
 * }</pre>
 *
 * <p>Secure by default: the server's certificate must chain to the system's trust roots and name
 * the host connected to (or the {@linkplain #withServerName server name}); TLS 1.3 and 1.2 only; a
 * 10 second handshake timeout. Only the two methods named {@code insecure...} loosen the checks:
 * {@link #insecureSkipHostnameVerification} drops the name check, {@link
 * #insecureTrustAnyCertificate} drops all of them. Immutable and thread-safe; each {@code withX}
 * returns a changed copy.
 */
public final class TlsClientOptions {
  /** The defaults: system trust roots, host names verified, no ALPN, no client certificate. */
  public static final TlsClientOptions DEFAULT = new TlsClientOptions(TrustRoots.system(), true, false, null, List.of(),
      null, OptionChecks.DEFAULT_PROTOCOLS, OptionChecks.DEFAULT_HANDSHAKE_TIMEOUT);

  private final TrustRoots trustRoots;
  private final boolean verifyHostname;
  private final boolean trustAny;
  private final @Nullable String serverName;
  private final List<String> alpn;
  private final @Nullable CertifiedKey clientCertificate;
  private final List<String> protocols;
  private final Duration handshakeTimeout;
  private volatile @Nullable SSLContext context;

  private TlsClientOptions(TrustRoots trustRoots, boolean verifyHostname, boolean trustAny,
      @Nullable String serverName, List<String> alpn, @Nullable CertifiedKey clientCertificate,
      List<String> protocols, Duration handshakeTimeout) {
    this.trustRoots = trustRoots;
    this.verifyHostname = verifyHostname;
    this.trustAny = trustAny;
    this.serverName = serverName;
    this.alpn = alpn;
    this.clientCertificate = clientCertificate;
    this.protocols = protocols;
    this.handshakeTimeout = handshakeTimeout;
  }

  /** Returns these options trusting servers whose certificates chain to {@code roots}. */
  public TlsClientOptions withTrustRoots(TrustRoots roots) {
    return new TlsClientOptions(Objects.requireNonNull(roots, "roots"), verifyHostname, trustAny, serverName, alpn,
        clientCertificate, protocols, handshakeTimeout);
  }

  /**
   * Returns these options accepting a trusted certificate even if it does not name the server.
   * Insecure: anyone with any certificate from a trusted authority can then pose as the server.
   * Meant for tests and for servers reached through a name their certificate lacks.
   */
  public TlsClientOptions insecureSkipHostnameVerification() {
    return new TlsClientOptions(trustRoots, false, trustAny, serverName, alpn, clientCertificate, protocols,
        handshakeTimeout);
  }

  /**
   * Returns these options accepting ANY certificate from ANY server, like {@code curl
   * --insecure}: the chain is not checked against the trust roots (self-signed, expired, revoked
   * and forged certificates all pass) and the host name is not checked either.
   *
   * <p><b>INSECURE: this turns TLS authentication off.</b> The connection is still encrypted, but
   * anyone who can intercept it can pose as the server and read and change everything sent. It is
   * never the default and no other option turns it on; use it only to reach a test or
   * development server whose certificate cannot be trusted otherwise, never for real traffic.
   * Prefer {@link #withTrustRoots} with the server's own certificate, which keeps authentication.
   * {@link #toString()} says {@code INSECURE} for options made with it.
   */
  public TlsClientOptions insecureTrustAnyCertificate() {
    return new TlsClientOptions(trustRoots, false, true, serverName, alpn, clientCertificate,
        protocols, handshakeTimeout);
  }

  /**
   * Returns these options sending {@code name} with SNI and expecting it in the server's
   * certificate, instead of the host connected to (as when connecting to an address).
   *
   * @throws IllegalArgumentException if it is empty
   */
  public TlsClientOptions withServerName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the server name must not be empty");
    }
    return new TlsClientOptions(trustRoots, verifyHostname, trustAny, name, alpn, clientCertificate, protocols,
        handshakeTimeout);
  }

  /**
   * Returns these options offering the ALPN protocols {@code protocols}, most preferred first. No
   * protocols turns ALPN off.
   *
   * @throws IllegalArgumentException if a name is empty, longer than 255 bytes or repeated
   */
  public TlsClientOptions withAlpn(String... protocols) {
    return new TlsClientOptions(trustRoots, verifyHostname, trustAny, serverName, OptionChecks.alpn(protocols),
        clientCertificate, this.protocols, handshakeTimeout);
  }

  /** Returns these options presenting {@code key} when the server asks for a client certificate. */
  public TlsClientOptions withClientCertificate(CertifiedKey key) {
    return new TlsClientOptions(trustRoots, verifyHostname, trustAny, serverName, alpn,
        Objects.requireNonNull(key, "key"), protocols, handshakeTimeout);
  }

  /**
   * Returns these options allowing the TLS versions {@code protocols}, such as {@code "TLSv1.3"}.
   *
   * @throws IllegalArgumentException if none is given, or one is not a TLS version
   */
  public TlsClientOptions withProtocols(String... protocols) {
    return new TlsClientOptions(trustRoots, verifyHostname, trustAny, serverName, alpn, clientCertificate,
        OptionChecks.protocols(protocols), handshakeTimeout);
  }

  /**
   * Returns these options failing connections whose handshake has not completed {@code timeout}
   * after the TCP connection opened.
   *
   * @throws IllegalArgumentException if it is not positive
   */
  public TlsClientOptions withHandshakeTimeout(Duration timeout) {
    return new TlsClientOptions(trustRoots, verifyHostname, trustAny, serverName, alpn, clientCertificate, protocols,
        OptionChecks.handshakeTimeout(timeout));
  }

  /** Returns the roots the server's certificate must chain to. */
  public TrustRoots trustRoots() {
    return trustRoots;
  }

  /** Returns whether the server's certificate must name the server; true unless turned off. */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  /**
   * Returns whether any certificate is accepted, unchecked ({@link #insecureTrustAnyCertificate});
   * false unless turned on.
   */
  public boolean trustsAnyCertificate() {
    return trustAny;
  }

  /** Returns the name sent with SNI and verified, if it is not the host connected to. */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /** Returns the ALPN protocols offered, most preferred first; empty when ALPN is off. */
  public List<String> alpn() {
    return alpn;
  }

  /** Returns the certificate presented to servers that ask for one, if any. */
  public Optional<CertifiedKey> clientCertificate() {
    return Optional.ofNullable(clientCertificate);
  }

  /** Returns the TLS versions allowed. */
  public List<String> protocols() {
    return protocols;
  }

  /** Returns how long a handshake may take. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * Returns the TLS context of these options, made on first use.
   *
   * @throws KeyMaterialException if the trust roots cannot be made into a trust store
   */
  SSLContext context() {
    SSLContext made = context;
    if (made == null) {
      CertifiedKey own = clientCertificate;
      made = OptionChecks.context(own == null ? null : new KeyManager[] {new SniKeyManager(own, Map.of())},
          trustAny ? new TrustManager[] {new TrustAnyCertificate()} : trustRoots.trustManagers());
      context = made;
    }
    return made;
  }

  /** Returns a new client engine for connecting to {@code host} on {@code port}. */
  SSLEngine newEngine(String host, int port) {
    String name = serverName != null ? serverName : host;
    SSLEngine engine = context().createSSLEngine(name, port);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(protocols.toArray(String[]::new));
    parameters.setApplicationProtocols(alpn.toArray(String[]::new));
    if (!isAddress(name)) {
      try {
        parameters.setServerNames(List.of(new SNIHostName(name)));
      } catch (IllegalArgumentException e) {
        // not a name SNI can carry, such as one with an underscore: send none
      }
    }
    if (verifyHostname) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    engine.setSSLParameters(parameters);
    return engine;
  }

  private static boolean isAddress(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  @Override
  public String toString() {
    return "TlsClientOptions[" + (trustAny ? "INSECURE: any certificate trusted, unchecked"
        : trustRoots + (verifyHostname ? "" : ", INSECURE: host names not verified"))
        + (serverName == null ? "" : ", serverName=" + serverName) + (alpn.isEmpty() ? "" : ", alpn=" + alpn)
        + (clientCertificate == null ? "" : ", clientCertificate=" + clientCertificate)
        + ", protocols=" + protocols + ", handshakeTimeout=" + handshakeTimeout + "]";
  }
}
