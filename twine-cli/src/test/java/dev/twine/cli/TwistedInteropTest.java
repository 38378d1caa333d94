package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.internet.nio.NioReactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Twine and Python Twisted talk to each other over loopback: Twisted clients against
 * {@code twine echo} and {@code twine chat}, and a Twine client against a Twisted echo server.
 * Skipped when python3-twisted is not installed.
 */
@Timeout(60)
class TwistedInteropTest {
  private TwineProcess twine;
  private Process twisted;

  @AfterEach
  void killPeers() throws InterruptedException {
    if (twine != null) {
      twine.close();
    }
    if (twisted != null) {
      twisted.destroyForcibly();
      twisted.waitFor(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void aTwistedClientGetsItsLinesBackFromTwineEcho() throws Exception {
    TwistedPeer.python();
    twine = TwineProcess.start("echo", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();

    String printed = TwistedPeer.run("twisted_echo_client.py", Integer.toString(port),
        "hello from Twisted", "ünïcode survives", "");

    assertThat(printed.lines()).containsExactly("hello from Twisted", "ünïcode survives", "");
  }

  @Test
  void twistedLineReceiversChatThroughTwineChat() throws Exception {
    TwistedPeer.python();
    twine = TwineProcess.start("chat", "--listen", "tcp:0:interface=127.0.0.1");
    int port = twine.awaitPort();

    String printed = TwistedPeer.run("twisted_chat_clients.py", Integer.toString(port));

    assertThat(printed.lines())
        .contains("alice: What's your name?", "alice: Welcome, alice!", "bob: Welcome, bob!",
            "carol: Name taken, please choose another.", "carol: Welcome, carol!",
            "bob: <alice> hello, all", "carol: <alice> hello, all")
        .doesNotContain("alice: <alice> hello, all");
  }

  @Test
  void aTwineClientGetsItsBytesBackFromTwistedEcho() throws Exception {
    twisted = TwistedPeer.start("twisted_echo_server.py");
    BufferedReader out = new BufferedReader(new InputStreamReader(twisted.getInputStream(), StandardCharsets.UTF_8));
    String listening = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).get(TwineProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(listening).startsWith("listening on ");
    int port = Integer.parseInt(listening.substring("listening on ".length()).trim());
    String[] answer = new String[1];

    int exitCode = NioReactor.react(reactor -> new TcpClientEndpoint(reactor, "127.0.0.1", port, TwineProcess.WAIT, null)
        .connectProtocol(new Probe("twine says hi\r\n"))
        .flatMap(probe -> probe.answer)
        .addTimeout(TwineProcess.WAIT, reactor)
        .onSuccess(text -> answer[0] = text));

    assertThat(exitCode).isZero();
    assertThat(answer[0]).isEqualTo("twine says hi\r\n");
  }

  /** Sends its text, reads as many bytes back, hangs up and fires with what it read. */
  private static final class Probe extends Protocol {
    private final Bytes text;
    private final Buffer received = new Buffer();
    private final Deferred<String> answer = new Deferred<>();

    Probe(String text) {
      this.text = Bytes.utf8(text);
    }

    @Override
    public void connectionMade() {
      transport().write(text);
    }

    @Override
    public void dataReceived(Bytes data) {
      received.write(data);
      if (received.size() >= text.size()) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      answer.callback(received.readAll().utf8());
    }
  }
}
