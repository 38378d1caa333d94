package dev.twine.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionDone;
import dev.twine.testing.Chunks;
import dev.twine.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The chat of {@code twine chat} in memory: members on StringTransports sharing one room. */
class ChatTest {
  private final ChatRoom room = new ChatRoom();

  /** One client: lines it sends arrive in random chunks; what it received is read and cleared. */
  private final class Member {
    final Chat chat = new Chat(room);
    final StringTransport transport = new StringTransport();

    Member() {
      chat.makeConnection(transport);
    }

    void send(String line) {
      Chunks.random((line + "\r\n").getBytes(StandardCharsets.UTF_8), line.hashCode())
          .forEach(chunk -> chat.dataReceived(Bytes.wrap(chunk)));
    }

    String received() {
      String text = transport.value().utf8();
      transport.clear();
      return text;
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
  void relaysEachLineToTheOthersWithTheSendersName() {
    Member alice = join("alice");
    Member bob = join("bob");
    Member carol = join("çarol");

    bob.send("ünïcode is fine");

    assertThat(alice.received()).isEqualTo("<bob> ünïcode is fine\r\n");
    assertThat(carol.received()).isEqualTo("<bob> ünïcode is fine\r\n");
    assertThat(bob.received()).isEmpty();
  }

  @Test
  void aTakenNameIsRefusedAndAnotherMayBeChosen() {
    Member alice = join("alice");
    Member second = new Member();
    second.received();

    second.send("alice");
    assertThat(second.received()).isEqualTo("Name taken, please choose another.\r\n");
    second.send("bob");
    assertThat(second.received()).isEqualTo("Welcome, bob!\r\n");

    second.send("hi");
    assertThat(alice.received()).isEqualTo("<bob> hi\r\n");
  }

  @Test
  void leavingFreesTheNameAndStopsTheRelay() {
    Member alice = join("alice");
    Member bob = join("bob");

    alice.chat.connectionLost(Failure.of(new ConnectionDone("left")));
    bob.send("still there?");

    assertThat(alice.received()).isEmpty();
    assertThat(room.names()).containsExactly("bob");
    join("alice");
  }

  @Test
  void aClientThatLeavesBeforeChoosingANameChangesNothing() {
    Member alice = join("alice");
    Member shy = new Member();
    shy.send("alice");

    shy.chat.connectionLost(Failure.of(new ConnectionDone("left")));

    assertThat(room.names()).containsExactly("alice");
  }
}
