package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Outcome;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TlsClosingTest {
  private final TlsFixture fixture = new TlsFixture();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  @Test
  void aServerCloseSendsCloseNotifyAndTheClientHearsConnectionDone() {
    Recorder server = new Recorder() {
      @Override
      public void dataReceived(Bytes data) {
        transport().write(Bytes.utf8("bye"));
        transport().loseConnection();
      }
    };
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    Recorder client = fixture.connect(port, new Recorder());

    fixture.loop.call(() -> {
      client.transport().write(Bytes.utf8("quit"));
      return null;
    });

    assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(client.text()).isEqualTo("bye");
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
  }

  @Test
  void anAbruptCloseWithoutCloseNotifyIsAConnectionLost() {
    Recorder server = new Recorder() {
      @Override
      public void dataReceived(Bytes data) {
        transport().abortConnection();
      }
    };
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    Recorder client = fixture.connect(port, new Recorder());

    fixture.loop.call(() -> {
      client.transport().write(Bytes.utf8("cut"));
      return null;
    });

    assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionLost.class)
        .hasMessageContaining("close_notify");
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionAborted.class);
  }

  @Test
  void aProtocolThatThrowsHasItsConnectionAborted() {
    Recorder server = new Recorder() {
      @Override
      public void dataReceived(Bytes data) {
        throw new IllegalStateException("broken protocol");
      }
    };
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    Recorder client = fixture.connect(port, new Recorder());

    fixture.loop.call(() -> {
      client.transport().write(Bytes.utf8("boom"));
      return null;
    });

    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionAborted.class)
        .hasMessageContaining("broken protocol");
    assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionLost.class);
  }

  @Test
  void aReactorThatStopsClosesItsTlsConnectionsCleanly() throws Exception {
    Recorder server = new Recorder();
    int port;
    try (ReactorThread serverLoop = new ReactorThread()) {
      port = serverLoop.call(() -> ((dev.twine.internet.IPv4Address) serverLoop.reactor
          .listenTls(0, address -> server, TlsFixture.SERVER_OPTIONS, 50, "127.0.0.1").address()).port());
      Recorder client = fixture.connect(port, new Recorder());
      serverLoop.await(() -> server.made);

      serverLoop.reactor.stop();

      assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
    }
    assertThat(server.events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void closesAClientThatStallsMidHandshakeAtTheTimeout() throws IOException {
    List<String> built = new ArrayList<>();
    int port = fixture.listen(address -> {
      built.add("built");
      return new Recorder();
    }, TlsFixture.SERVER_OPTIONS.withHandshakeTimeout(Duration.ofMillis(300)));

    try (Socket stalling = new Socket("127.0.0.1", port)) {
      stalling.setSoTimeout(10_000);
      long start = System.nanoTime();
      // The start of a ClientHello record announcing 200 bytes, then nothing more.
      stalling.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00});
      readToEnd(stalling.getInputStream());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
    assertThat(fixture.loop.call(() -> List.copyOf(built))).containsExactly("built");
  }

  @Test
  void failsAConnectionWhoseServerNeverAnswersTheHandshake() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Outcome<Recorder> outcome = fixture.connect(silent.getLocalPort(), "localhost",
          TlsFixture.CLIENT_OPTIONS.withHandshakeTimeout(Duration.ofMillis(300)), new Recorder());

      assertThat(outcome).isInstanceOf(Outcome.Failed.class);
      assertThat(((Outcome.Failed<Recorder>) outcome).failure().exception()).isInstanceOf(ConnectError.class)
          .hasMessageContaining("did not complete within 0.3 s");
    }
  }

  @Test
  void closesAConnectionThatSendsGarbageInsteadOfAClientHello() throws IOException {
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);

    try (Socket plain = new Socket("127.0.0.1", port)) {
      plain.setSoTimeout(10_000);
      plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
      byte[] answer = readToEnd(plain.getInputStream());
      assertThat(answer).satisfiesAnyOf(
          bytes -> assertThat(bytes).isEmpty(),
          bytes -> assertThat(bytes[0]).as("a TLS alert record").isEqualTo((byte) 0x15));
    }
    assertThat(fixture.loop.call(() -> List.copyOf(server.events))).isEmpty();
  }

  /** TLS 1.0 and 1.1 hellos, written by hand: the JDK's own client refuses to send them. */
  @ParameterizedTest
  @ValueSource(ints = {0x0301, 0x0302})
  void refusesTls10And11ClientHellos(int version) throws IOException {
    Recorder server = new Recorder();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);

    try (Socket old = new Socket("127.0.0.1", port)) {
      old.setSoTimeout(10_000);
      old.getOutputStream().write(clientHello(version));
      byte[] answer = readToEnd(old.getInputStream());
      assertThat(answer).hasSizeGreaterThanOrEqualTo(7);
      assertThat(answer[0]).as("a TLS alert record").isEqualTo((byte) 0x15);
      assertThat(answer[5]).as("a fatal alert").isEqualTo((byte) 2);
    }
    assertThat(fixture.loop.call(() -> List.copyOf(server.events))).isEmpty();
  }

  @Test
  void refusesAClientThatTriesToRenegotiate() throws Exception {
    TlsFixture.Echo server = new TlsFixture.Echo();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS.withProtocols("TLSv1.2"));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, TrustRoots.of(List.of(TlsFixture.CA.certificate())).trustManagers(), null);

    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.getOutputStream().write("one".getBytes());
      assertThat(socket.getInputStream().readNBytes(3)).isEqualTo("one".getBytes());

      try {
        socket.startHandshake();
        socket.getOutputStream().write("two".getBytes());
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      } catch (IOException refused) {
        // the server's alert or close may surface as an exception
      }
    }
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionLost.class)
        .hasMessageContaining("renegotiation is refused");
  }

  /** A minimal ClientHello of TLS {@code version} (0x0301 is TLS 1.0) offering two RSA suites. */
  private static byte[] clientHello(int version) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(version >> 8);
    body.write(version);
    body.writeBytes(new byte[32]);
    body.write(0);
    body.writeBytes(new byte[] {0x00, 0x04, 0x00, 0x2f, 0x00, 0x35});
    body.writeBytes(new byte[] {0x01, 0x00});
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    int handshakeLength = body.size() + 4;
    record.writeBytes(new byte[] {0x16, 0x03, 0x01, (byte) (handshakeLength >> 8), (byte) handshakeLength});
    record.writeBytes(new byte[] {0x01, 0x00, (byte) (body.size() >> 8), (byte) body.size()});
    record.writeBytes(body.toByteArray());
    return record.toByteArray();
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int count; (count = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, count);
      }
    } catch (SocketException reset) {
      // a reset also ends the connection
    }
    return all.toByteArray();
  }
}
