package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.StreamTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing one direction of a TLS connection: {@code loseWriteConnection} sends close_notify and
 * shuts the socket's writing half while reading goes on, and a peer's close_notify is the end of
 * what it sends. Over loopback sockets between two Twine ends, and against the JDK's
 * {@code SSLSocket} on either side; {@link TlsHalfCloseInMemoryTest} has the same in memory.
 */
@Timeout(60)
class TlsHalfCloseTest {
  private final TlsFixture fixture = new TlsFixture();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  /** Records the ends of each direction too. */
  static class HalfRecorder extends Recorder implements HalfCloseableProtocol {
    @Override
    public void readConnectionLost() {
      events.add("read lost " + text());
    }

    @Override
    public void writeConnectionLost() {
      events.add("write lost");
    }
  }

  /** Answers once the peer has finished sending: how many bytes it sent, then closes. */
  static final class CountThenAnswer extends HalfRecorder {
    @Override
    public void readConnectionLost() {
      super.readConnectionLost();
      transport().write(Bytes.utf8("got " + received.size()));
      transport().loseConnection();
    }
  }

  /** Writes a question and half-closes as soon as it is connected. */
  static final class AskThenHalfClose extends HalfRecorder {
    @Override
    public void connectionMade() {
      super.connectionMade();
      transport().write(Bytes.utf8("question"));
      ((StreamTransport) transport()).loseWriteConnection();
      transport().write(Bytes.utf8(" dropped after the half-close"));
    }
  }

  @Test
  void overLoopbackSocketsTheServerAnswersAfterTheClientHalfCloses() {
    CountThenAnswer server = new CountThenAnswer();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    AskThenHalfClose client = fixture.connect(port, new AskThenHalfClose());

    assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(fixture.loop.call(() -> List.copyOf(client.events)))
        .containsExactly("made", "write lost", "read lost got 8", "lost ConnectionDone");
    assertThat(fixture.loop.call(() -> List.copyOf(server.events)))
        .containsExactly("made", "read lost question", "lost ConnectionDone");
  }

  @Test
  void aJdkClientThatShutsDownItsOutputGetsTheAnswer() throws Exception {
    CountThenAnswer server = new CountThenAnswer();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);

    try (SSLSocket socket = (SSLSocket) jdkClientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("twelve bytes".getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      byte[] answer = socket.getInputStream().readAllBytes();
      assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("got 12");
    }
    assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(fixture.loop.call(() -> List.copyOf(server.events)))
        .containsExactly("made", "read lost twelve bytes", "lost ConnectionDone");
  }

  @Test
  void aClosingNoticeWithTheStreamStillOpenIsTheEndOfWhatThePeerSends() throws Exception {
    CountThenAnswer server = new CountThenAnswer();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);

    try (Socket plain = new Socket("127.0.0.1", port)) {
      plain.setSoTimeout(10_000);
      SSLSocket tls = (SSLSocket) jdkClientContext().getSocketFactory().createSocket(plain, "localhost", port, false);
      tls.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
      tls.shutdownOutput();
      assertThat(plain.isOutputShutdown()).as("the TCP stream stays open").isFalse();

      assertThat(tls.getInputStream().readAllBytes()).isEqualTo("got 3".getBytes(StandardCharsets.US_ASCII));
      assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
    }
    assertThat(fixture.loop.call(() -> List.copyOf(server.events)))
        .containsExactly("made", "read lost abc", "lost ConnectionDone");
  }

  /** The JDK closes a TLS 1.3 socket with user_canceled then close_notify: the whole connection ends. */
  @Test
  void aPeerThatClosesBothWaysEndsTheConnectionOfAHalfCloseableProtocol() throws Exception {
    CountThenAnswer server = new CountThenAnswer();
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);

    try (Socket plain = new Socket("127.0.0.1", port)) {
      plain.setSoTimeout(10_000);
      SSLSocket tls = (SSLSocket) jdkClientContext().getSocketFactory().createSocket(plain, "localhost", port, false);
      tls.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
      tls.close();

      assertThat(fixture.await(() -> server.lost).exception()).isInstanceOf(ConnectionDone.class);
    }
    assertThat(fixture.loop.call(() -> List.copyOf(server.events))).containsExactly("made", "lost ConnectionDone");
    assertThat(fixture.loop.call(server::text)).isEqualTo("abc");
  }

  @Test
  void aJdkServerReadsToTheEndThenAnswersATwineClientThatHalfClosed() throws Exception {
    SSLServerSocket listening = (SSLServerSocket) TlsFixture.SERVER_OPTIONS.context().getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CompletableFuture<String> jdkReceived = new CompletableFuture<>();
    Thread jdkServer = Thread.ofPlatform().name("jdk-tls-server").start(() -> {
      try (listening; Socket accepted = listening.accept()) {
        accepted.setSoTimeout(10_000);
        byte[] all = accepted.getInputStream().readAllBytes();
        jdkReceived.complete(new String(all, StandardCharsets.US_ASCII));
        accepted.getOutputStream().write(("got " + all.length).getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        jdkReceived.completeExceptionally(e);
      }
    });

    AskThenHalfClose client = fixture.connect(listening.getLocalPort(), new AskThenHalfClose());

    assertThat(jdkReceived.get(20, TimeUnit.SECONDS)).isEqualTo("question");
    assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(fixture.loop.call(() -> List.copyOf(client.events)))
        .containsExactly("made", "write lost", "read lost got 8", "lost ConnectionDone");
    jdkServer.join(10_000);
  }

  @Test
  void aPeerThatEndsTheStreamWithoutClosingNoticeAfterAHalfCloseIsAConnectionLost() throws Exception {
    ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread jdkServer = Thread.ofPlatform().name("jdk-tls-server").start(() -> {
      try (listening; Socket plain = listening.accept()) {
        plain.setSoTimeout(10_000);
        SSLSocket tls = (SSLSocket) TlsFixture.SERVER_OPTIONS.context().getSocketFactory()
            .createSocket(plain, null, false);
        tls.getInputStream().readAllBytes();
        tls.getOutputStream().write("partial".getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        plain.shutdownOutput();
        plain.getInputStream().readAllBytes();
      } catch (IOException e) {
        // the test asserts on the client's side
      }
    });

    AskThenHalfClose client = fixture.connect(listening.getLocalPort(), new AskThenHalfClose());

    assertThat(fixture.await(() -> client.lost).exception()).isInstanceOf(ConnectionLost.class)
        .hasMessageContaining("close_notify");
    assertThat(fixture.loop.call(client::text)).isEqualTo("partial");
    jdkServer.join(10_000);
  }

  private static SSLContext jdkClientContext() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, TrustRoots.of(List.of(TlsFixture.CA.certificate())).trustManagers(), null);
    return context;
  }
}
