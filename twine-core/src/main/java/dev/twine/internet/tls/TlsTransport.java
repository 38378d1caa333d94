package dev.twine.internet.tls;

import dev.twine.internet.StreamTransport;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The transport of a protocol spoken over TLS: writes are encrypted, and it tells what the
 * handshake settled (Twisted's {@code ISSLTransport}). The transport of a protocol connected with
 * {@link ReactorTls#listenTls}, {@link ReactorTls#connectTls} or a TLS endpoint is one, and the
 * protocol is connected only once the handshake has completed; {@code startTls} hands one over
 * when its handshake completes.
 *
 * <pre>{@code
 * public void connectionMade() {
 *   TlsTransport tls = (TlsTransport) transport();
 *   boolean http2 = tls.applicationProtocol().filter("h2"::equals).isPresent();
 * }
 * }</pre>
 *
 * <p>{@link #loseConnection} sends TLS's {@code close_notify} after what is queued; the protocol
 * then hears {@code ConnectionDone}. A peer that closes the connection without sending
 * {@code close_notify} is reported as {@code ConnectionLost}, since the data may have been cut
 * short.
 *
 * <p>{@link #loseWriteConnection} sends {@code close_notify} after what is queued and shuts the
 * socket's writing half, while reading goes on; a peer's {@code close_notify} is the end of what it
 * sends, which a {@link dev.twine.internet.HalfCloseableProtocol} hears as
 * {@code readConnectionLost} and may go on writing. Half-closing is TLS 1.3's: under TLS 1.2 a
 * {@code close_notify} either way ends the whole connection. Socket options apply to the socket
 * below. Threading: as any transport, only on the reactor's thread.
 */
public interface TlsTransport extends StreamTransport {

  /**
   * Returns the TLS version agreed, such as {@code TLSv1.3}.
   *
   * @throws IllegalStateException if the handshake has not completed
   */
  String tlsVersion();

  /**
   * Returns the cipher suite agreed, such as {@code TLS_AES_128_GCM_SHA256}.
   *
   * @throws IllegalStateException if the handshake has not completed
   */
  String cipherSuite();

  /**
   * Returns the application protocol agreed with ALPN, or empty if none was.
   *
   * @throws IllegalStateException if the handshake has not completed
   */
  Optional<String> applicationProtocol();

  /**
   * Returns the peer's certificate chain, its own first, as it sent it and this side verified it;
   * empty for a client that sent none.
   *
   * @throws IllegalStateException if the handshake has not completed
   */
  List<X509Certificate> peerCertificates();

  /**
   * Returns the host name of SNI: the one the client asked for on a server, the one sent on a
   * client; empty if none was.
   *
   * @throws IllegalStateException if the handshake has not completed
   */
  Optional<String> serverName();

  /** Returns true: the connection is encrypted, and the server authenticated. */
  @Override
  default boolean secure() {
    return true;
  }
}
