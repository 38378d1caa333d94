package dev.twine.internet.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/** Reads what a completed handshake settled out of an engine. */
final class Sessions {
  private Sessions() {}

  static TlsConnection.Handshake settled(SSLEngine engine) {
    SSLSession session = engine.getSession();
    String alpn = engine.getApplicationProtocol();
    return new TlsConnection.Handshake(session.getProtocol(), session.getCipherSuite(),
        alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn),
        peerCertificates(engine, session), serverName(engine, session));
  }

  /** Returns the peer's chain; a server that asked for none skips the exception the engine would throw. */
  private static List<X509Certificate> peerCertificates(SSLEngine engine, SSLSession session) {
    if (!engine.getUseClientMode() && !engine.getNeedClientAuth() && !engine.getWantClientAuth()) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : session.getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return List.copyOf(chain);
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  private static Optional<String> serverName(SSLEngine engine, SSLSession session) {
    List<SNIServerName> names;
    if (engine.getUseClientMode()) {
      names = engine.getSSLParameters().getServerNames();
    } else if (session instanceof ExtendedSSLSession extended) {
      names = extended.getRequestedServerNames();
    } else {
      names = List.of();
    }
    for (SNIServerName name : names == null ? List.<SNIServerName>of() : names) {
      if (name.getType() == StandardConstants.SNI_HOST_NAME) {
        return Optional.of(name instanceof SNIHostName host ? host.getAsciiName()
            : new SNIHostName(name.getEncoded()).getAsciiName());
      }
    }
    return Optional.empty();
  }
}
