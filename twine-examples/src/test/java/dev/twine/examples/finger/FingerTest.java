package dev.twine.examples.finger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.examples.finger.FingerDeferred.FingerService;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import dev.twine.testing.StringTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The finger tutorial's protocols in memory, each query fed whole, byte by byte and in random chunks. */
class FingerTest {
  private final StringTransport transport = new StringTransport();

  static List<Chunks.Split> moshez() {
    return Chunks.all("moshez\r\n".getBytes(StandardCharsets.US_ASCII), 1079);
  }

  private String query(Factory factory, Chunks.Split split) {
    Protocol protocol = Objects.requireNonNull(factory.buildProtocol(StringTransport.DEFAULT_PEER));
    protocol.makeConnection(transport);
    split.feed(chunk -> protocol.dataReceived(Bytes.wrap(chunk)));
    return transport.value().utf8();
  }

  @ParameterizedTest
  @MethodSource("moshez")
  void step5AnswersThatThereIsNoSuchUserAndHangsUp(Chunks.Split split) {
    assertThat(query(Factory.forProtocol(FingerNoSuchUser.FingerProtocol::new), split)).isEqualTo("No such user\r\n");
    assertThat(transport.disconnecting()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("moshez")
  void step6AnEmptyFactoryKnowsNobody(Chunks.Split split) {
    assertThat(query(new FingerUsers.FingerFactory(Map.of()), split)).isEqualTo("No such user\r\n");
    assertThat(transport.disconnecting()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("moshez")
  void step7TheFactoryAnswersAboutItsUsers(Chunks.Split split) {
    FingerUsers.FingerFactory users = new FingerUsers.FingerFactory(Map.of("moshez", "Happy and well"));

    assertThat(query(users, split)).isEqualTo("Happy and well\r\n");
    assertThat(transport.disconnecting()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("moshez")
  void step8AnswersOnceTheLookupFires(Chunks.Split split) {
    Deferred<String> lookup = new Deferred<>();
    FingerService slow = user -> user.equals("moshez") ? lookup : Deferred.succeed("No such user");

    assertThat(query(FingerDeferred.factory(slow), split)).isEmpty();
    assertThat(transport.disconnecting()).isFalse();

    lookup.callback("Happy and well");
    assertThat(transport.value().utf8()).isEqualTo("Happy and well\r\n");
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void step8AFailedLookupIsAnsweredWithAnInternalError() {
    FingerService broken = user -> Deferred.fail(new IOException("disk on fire"));

    assertThat(query(FingerDeferred.factory(broken), moshez().get(0))).isEqualTo("Internal error in server\r\n");
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void step8UsersOfAMapAreKnownAtOnce() {
    FingerService users = FingerService.of(Map.of("moshez", "Happy and well"));

    assertThat(query(FingerDeferred.factory(users), moshez().get(0))).isEqualTo("Happy and well\r\n");
  }
}
