/**
 * TLS for any stream connection, on the JDK's {@code SSLEngine}: typed options, certificates and
 * keys read from PEM, the layer between socket and protocol, {@code startTls} for STARTTLS, and the
 * {@code ssl:} and {@code tls:} endpoints (Twisted's {@code twisted.internet.ssl} and
 * {@code TLSMemoryBIOProtocol}).
 *
 * <p>Secure by default: TLS 1.2 and 1.3 only, peers verified against trust roots, and clients
 * check that the certificate names the host they meant to reach.
 */
@NullMarked
package dev.twine.internet.tls;

import org.jspecify.annotations.NullMarked;
