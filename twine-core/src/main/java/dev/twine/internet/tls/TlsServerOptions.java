package dev.twine.internet.tls;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * How a TLS server presents itself and what it asks of clients: its certificate (one, or one per
 * host name the client asks for with SNI), client certificates, ALPN protocols, TLS versions and
 * the handshake timeout.
 *
 * <pre>{@code
 * TlsServerOptions options = TlsServerOptions.of(CertifiedKey.load(Path.of("site.pem")))
 *     .withSni("api.example.com", CertifiedKey.load(Path.of("api.pem")))
 *     .withAlpn("h2", "http/1.1");
 * reactor.listenTls(8443, factory, options);
 * }</pre>
 *
 * <p>Defaults: TLS 1.3 and 1.2 only, no client certificates, no ALPN, a 10 second handshake
 * timeout. The server picks the cipher suite: the JDK's enabled suites, AES-128-GCM preferred to
 * AES-256-GCM. Immutable and thread-safe; each {@code withX} returns a changed copy.
 */
public final class TlsServerOptions {
  private final CertifiedKey certifiedKey;
  private final Map<String, CertifiedKey> sni;
  private final ClientAuth clientAuth;
  private final TrustRoots clientRoots;
  private final List<String> alpn;
  private final List<String> protocols;
  private final Duration handshakeTimeout;
  private volatile @Nullable SSLContext context;
  private volatile @Nullable SSLParameters engineParameters;

  private TlsServerOptions(CertifiedKey certifiedKey, Map<String, CertifiedKey> sni, ClientAuth clientAuth,
      TrustRoots clientRoots, List<String> alpn, List<String> protocols, Duration handshakeTimeout) {
    this.certifiedKey = certifiedKey;
    this.sni = sni;
    this.clientAuth = clientAuth;
    this.clientRoots = clientRoots;
    this.alpn = alpn;
    this.protocols = protocols;
    this.handshakeTimeout = handshakeTimeout;
  }

  /** Returns options presenting {@code certifiedKey} to every client, with the defaults. */
  public static TlsServerOptions of(CertifiedKey certifiedKey) {
    return new TlsServerOptions(Objects.requireNonNull(certifiedKey, "certifiedKey"), Map.of(), ClientAuth.NONE,
        TrustRoots.system(), List.of(), OptionChecks.DEFAULT_PROTOCOLS, OptionChecks.DEFAULT_HANDSHAKE_TIMEOUT);
  }

  /**
   * Returns these options presenting {@code key} to clients that ask for {@code hostname} with SNI.
   * A name {@code *.example.com} serves every name one label deeper, such as {@code a.example.com},
   * unless that name has its own. Clients that ask for no name, or another, get the default key.
   *
   * @throws IllegalArgumentException if the name is empty, has a wildcard other than a leading
   *     {@code *.} label, or is already mapped
   */
  public TlsServerOptions withSni(String hostname, CertifiedKey key) {
    Objects.requireNonNull(key, "key");
    String name = hostname.toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.lastIndexOf('*') > 0 || (name.startsWith("*") && !name.startsWith("*."))) {
      throw new IllegalArgumentException("not a host name or *.domain wildcard: \"" + hostname + "\"");
    }
    if (sni.containsKey(name)) {
      throw new IllegalArgumentException("host name \"" + hostname + "\" already has a certificate");
    }
    Map<String, CertifiedKey> copy = new LinkedHashMap<>(sni);
    copy.put(name, key);
    return new TlsServerOptions(certifiedKey, Collections.unmodifiableMap(copy), clientAuth, clientRoots, alpn,
        protocols, handshakeTimeout);
  }

  /**
   * Returns these options asking clients for a certificate ({@link ClientAuth#OPTIONAL}) or
   * requiring one ({@link ClientAuth#REQUIRED}) that chains to {@code roots}; {@link ClientAuth#NONE}
   * asks for none and ignores the roots.
   */
  public TlsServerOptions withClientAuth(ClientAuth mode, TrustRoots roots) {
    return new TlsServerOptions(certifiedKey, sni, Objects.requireNonNull(mode, "mode"),
        Objects.requireNonNull(roots, "roots"), alpn, protocols, handshakeTimeout);
  }

  /**
   * Returns these options offering the ALPN protocols {@code protocols}, most preferred first: the
   * server picks its most preferred one that the client offers, and refuses a client that offers
   * ALPN but none of these. No protocols turns ALPN off.
   *
   * @throws IllegalArgumentException if a name is empty, longer than 255 bytes or repeated
   */
  public TlsServerOptions withAlpn(String... protocols) {
    return new TlsServerOptions(certifiedKey, sni, clientAuth, clientRoots, OptionChecks.alpn(protocols),
        this.protocols, handshakeTimeout);
  }

  /**
   * Returns these options allowing the TLS versions {@code protocols}, such as {@code "TLSv1.3"}.
   * The JDK may refuse old versions whatever is allowed here.
   *
   * @throws IllegalArgumentException if none is given, or one is not a TLS version
   */
  public TlsServerOptions withProtocols(String... protocols) {
    return new TlsServerOptions(certifiedKey, sni, clientAuth, clientRoots, alpn,
        OptionChecks.protocols(protocols), handshakeTimeout);
  }

  /**
   * Returns these options closing connections whose handshake has not completed {@code timeout}
   * after they opened.
   *
   * @throws IllegalArgumentException if it is not positive
   */
  public TlsServerOptions withHandshakeTimeout(Duration timeout) {
    return new TlsServerOptions(certifiedKey, sni, clientAuth, clientRoots, alpn, protocols,
        OptionChecks.handshakeTimeout(timeout));
  }

  /** Returns the key presented when no SNI name matches. */
  public CertifiedKey certifiedKey() {
    return certifiedKey;
  }

  /** Returns the keys presented per host name, in the order they were added. */
  public Map<String, CertifiedKey> sni() {
    return sni;
  }

  /** Returns whether clients are asked for certificates. */
  public ClientAuth clientAuth() {
    return clientAuth;
  }

  /** Returns the roots client certificates must chain to. */
  public TrustRoots clientRoots() {
    return clientRoots;
  }

  /** Returns the ALPN protocols offered, most preferred first; empty when ALPN is off. */
  public List<String> alpn() {
    return alpn;
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
   * @throws KeyMaterialException if the client roots cannot be made into a trust store
   */
  SSLContext context() {
    SSLContext made = context;
    if (made == null) {
      made = OptionChecks.context(new KeyManager[] {new SniKeyManager(certifiedKey, sni)},
          clientAuth == ClientAuth.NONE ? null : clientRoots.trustManagers());
      context = made;
    }
    return made;
  }

  /**
   * Returns a new server engine configured by these options. The configuration is worked out once,
   * on the first engine, and then applied to each new one as it is.
   */
  SSLEngine newEngine() {
    SSLContext made = context();
    SSLParameters parameters = engineParameters;
    if (parameters == null) {
      parameters = engineParameters(made.createSSLEngine());
      engineParameters = parameters;
    }
    SSLEngine engine = made.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setSSLParameters(parameters);
    return engine;
  }

  /**
   * Returns the parameters of server engines: {@code engine}'s defaults with these options' versions,
   * ALPN protocols and client certificates, and the cipher suites in the server's order of
   * preference (see {@link OptionChecks#preferAes128}).
   */
  private SSLParameters engineParameters(SSLEngine engine) {
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setCipherSuites(OptionChecks.preferAes128(parameters.getCipherSuites()));
    parameters.setUseCipherSuitesOrder(true);
    parameters.setProtocols(protocols.toArray(String[]::new));
    parameters.setApplicationProtocols(alpn.toArray(String[]::new));
    parameters.setNeedClientAuth(clientAuth == ClientAuth.REQUIRED);
    if (clientAuth == ClientAuth.OPTIONAL) {
      parameters.setWantClientAuth(true);
    }
    return parameters;
  }

  @Override
  public String toString() {
    return "TlsServerOptions[" + certifiedKey + (sni.isEmpty() ? "" : ", sni=" + sni.keySet())
        + ", clientAuth=" + clientAuth + (alpn.isEmpty() ? "" : ", alpn=" + alpn) + ", protocols=" + protocols
        + ", handshakeTimeout=" + handshakeTimeout + "]";
  }
}
