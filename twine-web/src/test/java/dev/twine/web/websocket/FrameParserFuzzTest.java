package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the WebSocket {@link FrameParser} and the {@link MessageReader} that joins its frames
 * into messages: whatever a peer sends, and however it is cut, they read the same messages and
 * control frames and fail with the same close code, 1002, 1007 or 1009; they throw nothing but a
 * {@link WebSocketException}, hand out no frame piece or message past the limits (256 bytes a
 * frame, 1 KiB a message), and every text message is valid UTF-8.
 *
 * <p>The low bit of the first byte of the input says which end reads (set: the client, reading
 * unmasked frames; clear: the server, reading masked ones); the rest is what the peer sends.
 */
class FrameParserFuzzTest {
  private static final WebSocketLimits LIMITS = new WebSocketLimits(256, 1024);

  @FuzzTest
  @Timeout(10)
  void readsFrames(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Role role = (input[0] & 1) != 0 ? Role.CLIENT : Role.SERVER;
    ReaderFuzzing.Outcome outcome = ReaderFuzzing.agreeingOutcome(Arrays.copyOfRange(input, 1, input.length),
        () -> new ReaderFuzzing.Subject(new FrameParser(role, LIMITS, false), LIMITS, null));
    for (Object event : outcome.events()) {
      if (event instanceof ReaderFuzzing.Message message && !message.binary()) {
        assertValidUtf8(message.payload());
      }
    }
  }

  private static void assertValidUtf8(Bytes text) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text.toByteArray()));
    } catch (CharacterCodingException e) {
      assertThat(text.hex()).as("a text message that is not UTF-8").isEmpty();
    }
  }
}
