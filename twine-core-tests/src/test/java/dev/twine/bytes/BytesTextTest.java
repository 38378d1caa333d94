package dev.twine.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text forms of {@link Bytes}: character encodings, hex, and the diagnostic strings. */
class BytesTextTest {

  @Test
  void asciiEncodesOneBytePerCharacter() {
    assertThat(Bytes.ascii("Hi\r\n\0\u007f").toByteArray())
        .containsExactly('H', 'i', '\r', '\n', 0, 0x7f);
  }

  @Test
  void asciiRejectsOtherCharactersNamingThemAndTheirIndex() {
    assertThatThrownBy(() -> Bytes.ascii("caf\u00e9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not ASCII: '\u00e9' (U+00E9) at index 3");
    assertThatThrownBy(() -> Bytes.ascii("\u0080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at index 0");
  }

  @Test
  void utf8EncodesEveryPlane() {
    assertThat(Bytes.utf8("h\u00e9\u20ac\ud83d\ude00").hex()).isEqualTo("68c3a9e282acf09f9880");
    assertThat(Bytes.utf8("")).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void utf8EncodesAnUnpairedSurrogateAsQuestionMark() {
    assertThat(Bytes.utf8("a\ud83db").ascii()).isEqualTo("a?b");
  }

  @Test
  void utf8DecodesWhatItEncodes() {
    String text = "na\u00efve \u65e5\u672c \ud83d\ude00";
    assertThat(Bytes.utf8(text).utf8()).isEqualTo(text);
  }

  @Test
  void utf8DecodesMalformedInputAsReplacementCharacters() {
    assertThat(Bytes.fromHex("61ff62").utf8()).isEqualTo("a\ufffdb");
    assertThat(Bytes.utf8("\u00e9").slice(0, 1).utf8()).isEqualTo("\ufffd");
  }

  @Test
  void asciiDecodesAsciiBytes() {
    assertThat(Bytes.ascii("GET / HTTP/1.1").slice(4, 5).ascii()).isEqualTo("/");
    assertThat(Bytes.EMPTY.ascii()).isEmpty();
  }

  @Test
  void asciiDecodingRejectsHighBytesNamingThemAndTheirIndex() {
    assertThatThrownBy(() -> Bytes.fromHex("41c3a9").ascii())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not ASCII: byte 0xc3 at index 1 of Bytes[3]");
  }

  @Test
  void stringDecodesWithTheGivenCharset() {
    Bytes latin1 = Bytes.fromHex("e9");
    assertThat(latin1.string(StandardCharsets.ISO_8859_1)).isEqualTo("\u00e9");
    assertThat(Bytes.fromHex("00e9").string(StandardCharsets.UTF_16BE)).isEqualTo("\u00e9");
  }

  @Test
  void hexWritesTwoLowerCaseDigitsPerByte() {
    assertThat(Bytes.of((byte) 0, (byte) 0x0a, (byte) 0xff, (byte) 0x7f).hex())
        .isEqualTo("000aff7f");
    assertThat(Bytes.EMPTY.hex()).isEmpty();
    assertThat(Bytes.ascii("xyz").slice(1, 2).hex()).isEqualTo("79");
  }

  @Test
  void fromHexReadsEitherCaseAndRoundTrips() {
    assertThat(Bytes.fromHex("00aFFf7F")).isEqualTo(Bytes.fromHex("00afff7f"));
    assertThat(Bytes.fromHex("00aFFf7F").hex()).isEqualTo("00afff7f");
    assertThat(Bytes.fromHex("")).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void fromHexRejectsAnOddNumberOfDigits() {
    assertThatThrownBy(() -> Bytes.fromHex("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hex needs an even number of digits, got 3");
  }

  @Test
  void fromHexRejectsANonDigitNamingItAndItsIndex() {
    assertThatThrownBy(() -> Bytes.fromHex("00g1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a hex digit: 'g' at index 2");
    assertThatThrownBy(() -> Bytes.fromHex("\uff10\uff10"))
        .as("full-width digits are not hex digits")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at index 0");
  }

  @Test
  void hexDumpShowsOffsetsHexAndPrintableText() {
    Bytes bytes = Bytes.utf8("hello, world\r\n\u00e9 and more");
    assertThat(bytes.hexDump()).isEqualTo(
        "00000000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0d 0a c3 a9  |hello, world....|\n"
            + "00000010  20 61 6e 64 20 6d 6f 72  65                       | and more|\n");
  }

  @Test
  void hexDumpOfEmptyBytesIsEmpty() {
    assertThat(Bytes.EMPTY.hexDump()).isEmpty();
  }

  @Test
  void hexDumpOfALongValueStopsAndCountsTheRest() {
    Bytes bytes = Bytes.wrap(new byte[2000]);
    String dump = bytes.hexDump();
    assertThat(dump.lines()).hasSize(33);
    assertThat(dump.lines().toList().get(31)).isEqualTo(
        "000001f0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|");
    assertThat(dump).endsWith("\n... 1488 more bytes\n");
  }

  @Test
  void hexDumpOfASliceStartsAtOffsetZero() {
    assertThat(Bytes.ascii("abcdef").slice(2, 4).hexDump())
        .isEqualTo("00000000  63 64" + " ".repeat(3 * 14 + 1) + "  |cd|\n");
  }

  @Test
  void toStringShowsTheSizeAndQuotedText() {
    assertThat(Bytes.ascii("hello")).hasToString("Bytes[5]\"hello\"");
    assertThat(Bytes.EMPTY).hasToString("Bytes[0]\"\"");
    assertThat(Bytes.ascii("xhellox").slice(1, 6)).hasToString("Bytes[5]\"hello\"");
  }

  @Test
  void toStringEscapesWhatIsNotPrintable() {
    assertThat(Bytes.utf8("a\"b\\c\r\n\t\0\u007f\u00e9"))
        .hasToString("Bytes[12]\"a\\\"b\\\\c\\r\\n\\t\\x00\\x7f\\xc3\\xa9\"");
  }

  @Test
  void toStringCutsLongValuesShort() {
    Bytes bytes = Bytes.ascii("x".repeat(100));
    assertThat(bytes).hasToString("Bytes[100]\"" + "x".repeat(64) + "\"...");
    assertThat(Bytes.ascii("y".repeat(64))).hasToString("Bytes[64]\"" + "y".repeat(64) + "\"");
  }
}
