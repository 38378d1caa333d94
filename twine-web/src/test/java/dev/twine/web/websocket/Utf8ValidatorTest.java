package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The validator against a table in the spirit of Autobahn's cases 6.x, and a strict decoder. */
class Utf8ValidatorTest {

  /**
   * Bytes and what the validator must say: valid; valid so far but cut short ({@code failsAt}
   * -1, not complete); or invalid at the byte {@code failsAt}.
   */
  record Case(String name, String hex, boolean valid, int failsAt) {
    static Case valid(String name, String hex) {
      return new Case(name, hex, true, -1);
    }

    static Case truncated(String name, String hex) {
      return new Case(name, hex, false, -1);
    }

    static Case invalidAt(int index, String name, String hex) {
      return new Case(name, hex, false, index);
    }

    @Override
    public String toString() {
      return name + " [" + hex + "]";
    }
  }

  static final List<Case> CASES = List.of(
      Case.valid("empty", ""),
      Case.valid("ASCII", "48 65 6c 6c 6f 2d 3c 40 3e"),
      Case.valid("Greek kosme", "ce ba e1 bd b9 cf 83 ce bc ce b5"),
      Case.valid("U+0000", "00"),
      Case.valid("first two-byte U+0080", "c2 80"),
      Case.valid("first three-byte U+0800", "e0 a0 80"),
      Case.valid("first four-byte U+10000", "f0 90 80 80"),
      Case.valid("last one-byte U+007F", "7f"),
      Case.valid("last two-byte U+07FF", "df bf"),
      Case.valid("last three-byte U+FFFF", "ef bf bf"),
      Case.valid("last code point U+10FFFF", "f4 8f bf bf"),
      Case.valid("just below the surrogates U+D7FF", "ed 9f bf"),
      Case.valid("just above the surrogates U+E000", "ee 80 80"),
      Case.valid("replacement character U+FFFD", "ef bf bd"),
      Case.valid("noncharacters U+FFFE U+FDD0", "ef bf be ef b7 90"),
      Case.valid("emoji U+1F600 after ASCII", "61 62 63 64 65 66 67 68 f0 9f 98 80"),
      Case.invalidAt(0, "lone continuation 0x80", "80"),
      Case.invalidAt(0, "lone continuation 0xBF", "bf"),
      Case.invalidAt(2, "continuation after a complete character", "c2 80 80"),
      Case.invalidAt(1, "lead byte followed by ASCII", "c2 41"),
      Case.invalidAt(1, "three-byte lead cut by a space", "e1 20"),
      Case.invalidAt(0, "overlong NUL C0 80", "c0 80"),
      Case.invalidAt(0, "overlong C1 BF", "c1 bf"),
      Case.invalidAt(1, "overlong three-byte E0 80 80", "e0 80 80"),
      Case.invalidAt(1, "overlong U+07FF in three bytes", "e0 9f bf"),
      Case.invalidAt(1, "overlong four-byte F0 80 80 80", "f0 80 80 80"),
      Case.invalidAt(1, "overlong U+FFFF in four bytes", "f0 8f bf bf"),
      Case.invalidAt(1, "high surrogate U+D800", "ed a0 80"),
      Case.invalidAt(1, "low surrogate U+DFFF", "ed bf bf"),
      Case.invalidAt(1, "surrogate pair U+D800 U+DC00", "ed a0 80 ed b0 80"),
      Case.invalidAt(1, "U+110000, above the last code point", "f4 90 80 80"),
      Case.invalidAt(0, "F5 lead of code points above U+13FFFF", "f5 80 80 80"),
      Case.invalidAt(0, "five-byte form", "f8 88 80 80 80"),
      Case.invalidAt(0, "six-byte form", "fc 84 80 80 80 80"),
      Case.invalidAt(0, "FE", "fe"),
      Case.invalidAt(0, "FF", "ff"),
      Case.invalidAt(12, "kosme then U+110000 then text, as in case 6.4.1",
          "ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64"),
      Case.truncated("two-byte lead at the end", "c2"),
      Case.truncated("three-byte sequence missing one byte", "e0 a0"),
      Case.truncated("four-byte sequence missing one byte", "f0 90 80"),
      Case.truncated("text then a cut four-byte sequence", "48 69 f4 8f bf"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judgesWholeInput(Case example) {
    Bytes bytes = hex(example.hex());
    assertThat(Utf8Validator.isValid(bytes)).isEqualTo(example.valid());
    assertThat(Utf8Validator.isValid(bytes)).isEqualTo(strictlyDecodes(bytes.toByteArray()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsOnTheFirstByteThatCannotBelong(Case example) {
    byte[] bytes = hex(example.hex()).toByteArray();
    Utf8Validator validator = new Utf8Validator();
    int failedAt = -1;
    for (int i = 0; i < bytes.length && failedAt < 0; i++) {
      if (!validator.feed(bytes, i, 1)) {
        failedAt = i;
      }
    }
    assertThat(failedAt).isEqualTo(example.failsAt());
    assertThat(validator.failed()).isEqualTo(failedAt >= 0);
    assertThat(validator.complete()).isEqualTo(example.valid());
  }

  static List<Case> cases() {
    return CASES;
  }

  @Test
  void staysFailedUntilReset() {
    Utf8Validator validator = new Utf8Validator();
    assertThat(validator.feed(hex("ff"))).isFalse();
    assertThat(validator.feed(hex("41"))).isFalse();
    assertThat(validator.complete()).isFalse();
    validator.reset();
    assertThat(validator.feed(hex("41"))).isTrue();
    assertThat(validator.complete()).isTrue();
  }

  @Test
  void acceptsASequenceSplitBetweenFeeds() {
    Utf8Validator validator = new Utf8Validator();
    assertThat(validator.feed(hex("f0 9f"))).isTrue();
    assertThat(validator.complete()).isFalse();
    assertThat(validator.feed(hex("98 80 41 42 43 44 45 46 47 48 49"))).isTrue();
    assertThat(validator.complete()).isTrue();
  }

  @Property
  void everyJavaStringEncodesToValidUtf8(@ForAll String text) {
    assertThat(Utf8Validator.isValid(Bytes.utf8(text))).isTrue();
  }

  @Property(tries = 2000)
  void agreesWithTheStrictDecoderInAnyPieces(@ForAll("almostUtf8") byte[] bytes,
      @ForAll("cuts") List<Integer> cuts) {
    Utf8Validator validator = new Utf8Validator();
    boolean valid = true;
    int at = 0;
    for (int cut : cuts) {
      int end = Math.min(bytes.length, at + cut);
      valid &= validator.feed(bytes, at, end - at);
      at = end;
    }
    valid &= validator.feed(bytes, at, bytes.length - at);
    assertThat(valid && validator.complete()).isEqualTo(strictlyDecodes(bytes));
  }

  /** Valid UTF-8 of random code points with some bytes changed, dropped or inserted. */
  @Provide
  Arbitrary<byte[]> almostUtf8() {
    Arbitrary<byte[]> valid = Arbitraries.strings().all().ofMaxLength(20)
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(3);
    return Combinators.combine(valid, noise, Arbitraries.integers().between(0, 100))
        .as((text, extra, where) -> {
          if (extra.length == 0) {
            return text;
          }
          int at = text.length == 0 ? 0 : where % (text.length + 1);
          byte[] mixed = new byte[text.length + extra.length];
          System.arraycopy(text, 0, mixed, 0, at);
          System.arraycopy(extra, 0, mixed, at, extra.length);
          System.arraycopy(text, at, mixed, at + extra.length, text.length - at);
          return mixed;
        });
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 9).list().ofMaxSize(6);
  }

  private static boolean strictlyDecodes(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
