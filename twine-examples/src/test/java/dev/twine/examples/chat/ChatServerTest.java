package dev.twine.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import dev.twine.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The chat server's protocol in memory: members on StringTransports, one factory. */
class ChatServerTest {
  private final ChatServer.ChatFactory room = new ChatServer.ChatFactory();

  /** One connected client: what it sends is fed byte by byte, what it got is read and cleared. */
  private final class Member {
    final Protocol protocol = room.buildProtocol(StringTransport.DEFAULT_PEER);
    final StringTransport transport = new StringTransport();

    Member() {
      protocol.makeConnection(transport);
    }

    void send(String line) {
      Chunks.byteByByte((line + "\r\n").getBytes(StandardCharsets.UTF_8))
          .forEach(chunk -> protocol.dataReceived(Bytes.wrap(chunk)));
    }

    String received() {
      String text = transport.value().utf8();
      transport.clear();
      return text;
    }

    void leave() {
      protocol.connectionLost(Failure.of(new ConnectionDone("bye")));
    }
  }

  private Member join(String name) {
    Member member = new Member();
    assertThat(member.received()).isEqualTo("What's your name?\r\n");
    member.send(name);
    assertThat(member.received()).isEqualTo("Welcome, " + name + "!\r\n");
    return member;
  }

  @Test
  void relaysEachLineToEveryOtherMember() {
    Member alice = join("alice");
    Member bob = join("bob");
    Member carol = join("carol");

    alice.send("hi, all");

    assertThat(bob.received()).isEqualTo("<alice> hi, all\r\n");
    assertThat(carol.received()).isEqualTo("<alice> hi, all\r\n");
    assertThat(alice.received()).isEmpty();
  }

  @Test
  void refusesATakenNameAndLetsTheClientChooseAgain() {
    join("alice");
    Member other = new Member();
    other.received();

    other.send("alice");
    assertThat(other.received()).isEqualTo("Name taken, please choose another.\r\n");
    other.send("alicia");
    assertThat(other.received()).isEqualTo("Welcome, alicia!\r\n");
  }

  @Test
  void aMemberWhoLeftNoLongerHearsAnythingAndFreesTheName() {
    Member alice = join("alice");
    Member bob = join("bob");

    alice.leave();
    bob.send("anyone?");

    assertThat(alice.received()).isEmpty();
    join("alice");
  }

  @Test
  void aClientWithoutANameHearsNothing() {
    Member alice = join("alice");
    Member lurker = new Member();
    lurker.received();

    alice.send("secret");

    assertThat(lurker.received()).isEmpty();
  }
}
