package dev.twine.examples.finger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.internet.nio.NioReactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The finger server with users in a file, queried over a real loopback connection. */
@Timeout(30)
class FingerLoopbackTest {
  @TempDir Path dir;

  /** A finger client: sends one user name, and fires with everything the server answers. */
  private static final class Query extends Protocol {
    private final String user;
    private final Buffer received = new Buffer();
    private final Deferred<String> answer = new Deferred<>();

    Query(String user) {
      this.user = user;
    }

    @Override
    public void connectionMade() {
      transport().write(Bytes.utf8(user + "\r\n"));
    }

    @Override
    public void dataReceived(Bytes data) {
      received.write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      answer.callback(received.readAll().utf8());
    }
  }

  /** Runs a server made by {@code server} on a free port and asks it about {@code user}. */
  private static String finger(Function<NioReactor, Factory> server, String user) {
    String[] answer = new String[1];
    int exitCode = NioReactor.react(reactor -> Endpoints.server(reactor, "tcp:0:interface=127.0.0.1")
        .listen(server.apply(reactor))
        .flatMap(port -> new TcpClientEndpoint(
                reactor, "127.0.0.1", ((IPv4Address) port.address()).port(), Duration.ofSeconds(10), null)
            .connectProtocol(new Query(user)))
        .flatMap(query -> query.answer)
        .onSuccess(text -> answer[0] = text));
    assertThat(exitCode).isZero();
    return answer[0];
  }

  @Test
  void answersWithTheStatusReadFromTheFile() throws IOException {
    Path users = Files.writeString(dir.resolve("users"), "glyph:Busy\nmoshez: Happy and well\n", StandardCharsets.UTF_8);
    Function<NioReactor, Factory> server = reactor -> FingerDeferred.factory(new FingerUsersFile(reactor, users));

    assertThat(finger(server, "moshez")).isEqualTo("Happy and well\r\n");
    assertThat(finger(server, "glyph")).isEqualTo("Busy\r\n");
    assertThat(finger(server, "nobody")).isEqualTo("No such user\r\n");
  }

  @Test
  void aFileThatCannotBeReadIsAnInternalError() {
    Path missing = dir.resolve("missing");
    Function<NioReactor, Factory> server = reactor -> FingerDeferred.factory(new FingerUsersFile(reactor, missing));

    assertThat(finger(server, "moshez")).isEqualTo("Internal error in server\r\n");
  }
}
