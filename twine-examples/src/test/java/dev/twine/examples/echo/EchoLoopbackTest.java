package dev.twine.examples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.TcpClientEndpoint;
import dev.twine.internet.nio.NioReactor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The echo server and client of the examples, talking over a real loopback connection. */
@Timeout(30)
class EchoLoopbackTest {

  @Test
  void theClientGetsItsMessageBackFromTheServer() {
    String[] answer = new String[1];

    int exitCode = NioReactor.react(reactor -> Endpoints.server(reactor, "tcp:0:interface=127.0.0.1")
        .listen(Factory.forProtocol(EchoServer.Echo::new))
        .flatMap(port -> EchoClient.echo(
            new TcpClientEndpoint(reactor, "127.0.0.1", ((IPv4Address) port.address()).port(), Duration.ofSeconds(10), null),
            "Hello, world! ünïcode and all"))
        .onSuccess(text -> answer[0] = text));

    assertThat(exitCode).isZero();
    assertThat(answer[0]).isEqualTo("Hello, world! ünïcode and all");
  }
}
