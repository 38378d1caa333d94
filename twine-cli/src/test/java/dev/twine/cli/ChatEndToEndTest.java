package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code twine chat} with three real clients on loopback. */
@Timeout(60)
class ChatEndToEndTest {
  private TwineProcess twine;
  private int port;

  @BeforeEach
  void startChat() throws Exception {
    twine = TwineProcess.start("chat", "--listen", "tcp:0:interface=127.0.0.1");
    port = twine.awaitPort();
  }

  @AfterEach
  void killTwine() {
    twine.close();
  }

  private LineSocket join(String name) throws IOException {
    LineSocket member = new LineSocket(port);
    assertThat(member.readLine()).isEqualTo("What's your name?");
    member.sendLine(name);
    assertThat(member.readLine()).isEqualTo("Welcome, " + name + "!");
    return member;
  }

  @Test
  void eachLineReachesEveryOtherMemberWithTheSendersName() throws Exception {
    try (LineSocket alice = join("alice"); LineSocket bob = join("bob"); LineSocket carol = join("carol")) {
      alice.sendLine("hi, all");
      assertThat(bob.readLine()).isEqualTo("<alice> hi, all");
      assertThat(carol.readLine()).isEqualTo("<alice> hi, all");

      carol.sendLine("hello, alice");
      assertThat(alice.readLine()).isEqualTo("<carol> hello, alice");
      assertThat(bob.readLine()).isEqualTo("<carol> hello, alice");

      bob.sendLine("and bob");
      // Alice's next line is bob's: she never got her own "hi, all" back.
      assertThat(alice.readLine()).isEqualTo("<bob> and bob");
      assertThat(carol.readLine()).isEqualTo("<bob> and bob");
    }
  }

  @Test
  void aTakenNameIsRefusedUntilItsOwnerLeaves() throws Exception {
    try (LineSocket bob = join("bob")) {
      LineSocket alice = join("alice");
      try (LineSocket impostor = new LineSocket(port)) {
        assertThat(impostor.readLine()).isEqualTo("What's your name?");
        impostor.sendLine("alice");
        assertThat(impostor.readLine()).isEqualTo("Name taken, please choose another.");

        alice.close();
        // The server sees alice leave a moment later: until then the name stays taken.
        String answer = "Name taken, please choose another.";
        for (int tries = 0; tries < 200 && answer.equals("Name taken, please choose another."); tries++) {
          impostor.sendLine("alice");
          answer = impostor.readLine();
        }
        assertThat(answer).isEqualTo("Welcome, alice!");

        bob.sendLine("welcome back");
        assertThat(impostor.readLine()).isEqualTo("<bob> welcome back");
      }
    }
  }
}
