package dev.twine.examples.udp;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import dev.twine.testing.FakeDatagramTransport;
import dev.twine.testing.FakeDatagramTransport.Written;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The UDP echo server and client, in memory and over loopback. */
@Timeout(30)
class UdpEchoTest {
  private static final Address ALICE = new IPv4Address(AddressType.UDP, "127.0.0.1", 40001);
  private static final Address BOB = new IPv4Address(AddressType.UDP, "127.0.0.1", 40002);

  @Test
  void theServerSendsEachDatagramBackToItsSender() {
    FakeDatagramTransport server = FakeDatagramTransport.attach(new UdpEchoServer.Echo());

    server.receive(Bytes.utf8("from alice"), ALICE);
    server.receive(Bytes.utf8("from bob"), BOB);

    assertThat(server.takeWritten()).containsExactly(
        new Written(Bytes.utf8("from alice"), ALICE), new Written(Bytes.utf8("from bob"), BOB));
  }

  @Test
  void theClientSendsItsMessageToTheServerAndFiresWithTheFirstAnswerFromIt() {
    UdpEchoClient client = new UdpEchoClient("127.0.0.1", 40001, "ping");
    FakeDatagramTransport port = FakeDatagramTransport.attach(client);

    assertThat(port.peer()).contains(ALICE);
    assertThat(port.takeWritten()).containsExactly(new Written(Bytes.utf8("ping"), ALICE));
    port.receive(Bytes.utf8("not the server"), BOB);
    assertNoResult(client.answer());

    port.receive(Bytes.utf8("ping"), ALICE);
    port.receive(Bytes.utf8("duplicate"), ALICE);

    assertThat(successResultOf(client.answer())).isEqualTo("ping");
  }

  @Test
  void theClientFailsWhenNothingListensOnTheServerPort() {
    UdpEchoClient client = new UdpEchoClient("127.0.0.1", 40001, "ping");
    FakeDatagramTransport port = FakeDatagramTransport.attach(client);

    port.refuse();

    assertThat(failureResultOf(client.answer(), ConnectionRefused.class).message())
        .contains("nothing listens on UDP port 40001 of 127.0.0.1");
  }

  @Test
  void theClientGetsItsMessageBackFromTheServerOverLoopback() {
    String[] answer = new String[1];

    int exitCode = NioReactor.react(reactor -> Endpoints.datagram(reactor, "udp:0:interface=127.0.0.1")
        .listen(new UdpEchoServer.Echo())
        .flatMap(server -> UdpEchoClient.echo(reactor, "127.0.0.1", ((IPv4Address) server.host()).port(),
            "Hello, UDP! ünïcode and all", Duration.ofSeconds(10)))
        .onSuccess(text -> answer[0] = text));

    assertThat(exitCode).isZero();
    assertThat(answer[0]).isEqualTo("Hello, UDP! ünïcode and all");
  }
}
