package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STARTTLS on a line protocol: plaintext first, then TLS on the same connection. */
@Timeout(60)
class StartTlsTest {
  private final TlsFixture fixture = new TlsFixture();
  private final List<Integer> restSizes = new ArrayList<>();
  private final Deferred<TlsTransport> serverSwitched = new Deferred<>();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  /** Splits what arrives into lines; keeps the rest for {@link #takeRest}. */
  abstract static class Lines extends Protocol {
    final List<String> lines = new ArrayList<>();
    private final List<Deferred<String>> waiting = new ArrayList<>();
    private Bytes buffer = Bytes.EMPTY;

    @Override
    public void dataReceived(Bytes data) {
      buffer = buffer.concat(data);
      for (int end; (end = buffer.indexOf((byte) '\n')) >= 0; ) {
        String line = buffer.slice(0, end).utf8();
        buffer = buffer.slice(end + 1, buffer.size());
        lines.add(line);
        lineReceived(line);
        if (!waiting.isEmpty()) {
          waiting.remove(0).callback(line);
        }
      }
    }

    abstract void lineReceived(String line);

    void sendLine(String line) {
      transport().write(Bytes.utf8(line + "\n"));
    }

    /** Returns the bytes received after the last line, and forgets them. */
    Bytes takeRest() {
      Bytes rest = buffer;
      buffer = Bytes.EMPTY;
      return rest;
    }

    /** Fires with the next line that arrives. */
    Deferred<String> nextLine() {
      Deferred<String> line = new Deferred<>();
      waiting.add(line);
      return line;
    }
  }

  /** Answers each line with whether the connection is secure; switches to TLS on STARTTLS. */
  private final class Server extends Lines {
    private final boolean goAhead;

    Server(boolean goAhead) {
      this.goAhead = goAhead;
    }

    @Override
    void lineReceived(String line) {
      if (line.equals("STARTTLS")) {
        if (goAhead) {
          sendLine("GO");
        }
        Bytes rest = takeRest();
        restSizes.add(rest.size());
        fixture.loop.reactor.startTls(transport(), TlsFixture.SERVER_OPTIONS, rest).chainDeferred(serverSwitched);
      } else {
        sendLine((transport().secure() ? "secure " : "plain ") + line);
      }
    }
  }

  private static final class Client extends Lines {
    @Override
    void lineReceived(String line) {}
  }

  private int listen(boolean goAhead) {
    Factory factory = address -> new Server(goAhead);
    return fixture.loop.call(() -> ((IPv4Address) fixture.loop.reactor.listenTcp(0, factory, 50, "127.0.0.1")
        .address()).port());
  }

  private Client connectPlain(int port) {
    return fixture.await(() -> new TcpClientEndpoint(fixture.loop.reactor, "127.0.0.1", port, Duration.ofSeconds(5),
        null).connectProtocol(new Client()));
  }

  @Test
  void switchesToTlsAfterTheGoAhead() {
    Client client = connectPlain(listen(true));

    assertThat(fixture.await(() -> {
      client.sendLine("hello");
      return client.nextLine();
    })).isEqualTo("plain hello");

    String go = fixture.await(() -> {
      client.sendLine("STARTTLS");
      return client.nextLine();
    });
    assertThat(go).isEqualTo("GO");
    assertThat(fixture.loop.call(() -> client.transport().sendsFilesDirectly())).isTrue();
    TlsTransport clientTls = fixture.await(() ->
        fixture.loop.reactor.startTls(client.transport(), "localhost", TlsFixture.CLIENT_OPTIONS, client.takeRest()));

    assertThat(fixture.await(() -> {
      client.sendLine("again");
      return client.nextLine();
    })).isEqualTo("secure again");
    assertThat(fixture.loop.call(() -> client.transport().secure())).isTrue();
    assertThat(fixture.loop.call(() -> client.transport().sendsFilesDirectly()))
        .as("the TLS layer reads the regions it encrypts").isFalse();
    assertThat(fixture.loop.call(clientTls::tlsVersion)).isEqualTo("TLSv1.3");
    TlsTransport serverTls = fixture.await(() -> serverSwitched);
    assertThat(fixture.loop.call(serverTls::peerCertificates)).isEmpty();
    assertThat(fixture.loop.call(() -> clientTls.peerCertificates().get(0))).isEqualTo(TlsFixture.SERVER.certificate());
  }

  @Test
  void feedsBytesReceivedPastTheSwitchToTheHandshake() {
    Client client = connectPlain(listen(false));

    String answer = fixture.await(() -> {
      client.sendLine("STARTTLS");
      fixture.loop.reactor.startTls(client.transport(), "localhost", TlsFixture.CLIENT_OPTIONS);
      client.sendLine("early");
      return client.nextLine();
    });

    assertThat(answer).isEqualTo("secure early");
    assertThat(restSizes).hasSize(1);
    assertThat(restSizes.get(0)).as("the ClientHello came with the STARTTLS line").isPositive();
  }

  @Test
  void refusesATransportThatCannotTakeALayer() {
    int port = fixture.listen(address -> new Recorder(), TlsFixture.SERVER_OPTIONS);
    Recorder tls = fixture.connect(port, new Recorder());

    assertThatThrownBy(() -> fixture.loop.call(() ->
        fixture.loop.reactor.startTls(tls.transport(), "localhost", TlsFixture.CLIENT_OPTIONS)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LayerableTransport");
  }

  @Test
  void refusesToStartTlsTwice() {
    Client client = connectPlain(listen(false));

    assertThatThrownBy(() -> fixture.loop.call(() -> {
      fixture.loop.reactor.startTls(client.transport(), "localhost", TlsFixture.CLIENT_OPTIONS)
          .transform(outcome -> "the first switch ends as the server answers in plaintext");
      return fixture.loop.reactor.startTls(client.transport(), "localhost", TlsFixture.CLIENT_OPTIONS);
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("already inserted");
  }
}
