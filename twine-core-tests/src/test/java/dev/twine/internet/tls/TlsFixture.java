package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the TLS tests over loopback share: a CA, a certificate for {@code localhost} and
 * {@code 127.0.0.1} that it issued, client options trusting it, and a reactor on its own thread.
 */
class TlsFixture implements AutoCloseable {
  static final TestCertificates.Issued CA = TestCertificates.authority("Twine Test CA");
  static final TestCertificates.Issued SERVER = CA.issue("localhost", "localhost", "127.0.0.1");
  static final TlsServerOptions SERVER_OPTIONS = TlsServerOptions.of(SERVER.certifiedKey());
  static final TlsClientOptions CLIENT_OPTIONS =
      TlsClientOptions.DEFAULT.withTrustRoots(TrustRoots.of(List.of(CA.certificate())));

  final ReactorThread loop = new ReactorThread();

  /** Echoes what it receives. */
  static class Echo extends Recorder {
    @Override
    public void dataReceived(Bytes data) {
      super.dataReceived(data);
      transport().write(data);
    }
  }

  /** Listens with TLS on a free port of 127.0.0.1 and returns the port. */
  int listen(Factory factory, TlsServerOptions options) {
    return loop.call(() -> ((IPv4Address) loop.reactor.listenTls(0, factory, options, 50, "127.0.0.1")
        .address()).port());
  }

  /** Connects {@code protocol} with TLS to 127.0.0.1:{@code port}, checking the server is {@code host}. */
  <P extends Protocol> Outcome<P> connect(int port, String host, TlsClientOptions options, P protocol) {
    return loop.outcome(() -> new TlsClientEndpoint(loop.reactor,
        new TcpClientEndpoint(loop.reactor, "127.0.0.1", port, Duration.ofSeconds(5), null), host, options)
        .connectProtocol(protocol));
  }

  /** Connects to {@code localhost} with the default client options; fails the test if it fails. */
  <P extends Protocol> P connect(int port, P protocol) {
    return connected(port, "localhost", CLIENT_OPTIONS, protocol);
  }

  /** Connects as {@link #connect(int, String, TlsClientOptions, Protocol)}; fails the test if it fails. */
  <P extends Protocol> P connected(int port, String host, TlsClientOptions options, P protocol) {
    return switch (connect(port, host, options, protocol)) {
      case Outcome.Success<P> success -> success.value();
      case Outcome.Failed<P> failed -> throw new AssertionError("connecting failed: " + failed.failure(),
          failed.failure().exception());
    };
  }

  /** Waits for a Deferred made on the reactor thread. */
  <T> T await(Supplier<Deferred<T>> work) {
    return loop.await(work);
  }

  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
