package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Close codes and what may be sent, RFC 6455 section 7.4. */
class CloseCodeTest {

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
      3000, 3999, 4000, 4999})
  void theseMayBeSent(int value) {
    assertThat(new CloseCode(value).sendable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999})
  void theseMayNot(int value) {
    assertThat(new CloseCode(value).sendable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 5000, 65535, -1})
  void noCodeIsOutsideItsRange(int value) {
    assertThatThrownBy(() -> new CloseCode(value)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 1000 to 4999");
  }

  @Test
  void saysWhatItMeans() {
    assertThat(CloseCode.PROTOCOL_ERROR).hasToString("1002 (protocol error)");
    assertThat(new CloseCode(1002)).isEqualTo(CloseCode.PROTOCOL_ERROR);
    assertThat(new CloseCode(3001).meaning()).isEqualTo("registered");
    assertThat(new CloseCode(4001).meaning()).isEqualTo("private use");
    assertThat(new CloseCode(1004).meaning()).isEqualTo("reserved");
  }

  @Test
  void cutsALongReasonOnACharacterBoundary() {
    String reason = "\u00e9".repeat(70);
    assertThat(ClosePayload.truncate(reason)).isEqualTo("\u00e9".repeat(61));
    assertThat(ClosePayload.truncate("short")).isEqualTo("short");
    assertThat(new WebSocketException(CloseCode.MESSAGE_TOO_BIG, "big"))
        .hasToString("WebSocketException: 1009 (message too big) big");
    assertThatThrownBy(() -> new WebSocketException(CloseCode.ABNORMAL_CLOSURE, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
