package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The multipart parser, fed whole, byte by byte and in random pieces. */
class MultipartParserTest {

  /** A part as the handler heard it: its headers and its content joined. */
  record Part(Headers headers, String content) {}

  /** Records the parts a parser reports, failing if the events come out of order. */
  static final class Recorder implements MultipartParser.Handler {
    final List<Part> parts = new ArrayList<>();
    private Headers headers;
    private final Buffer content = new Buffer();

    @Override
    public void partStarted(Headers partHeaders) {
      assertThat(headers).as("a part started inside another").isNull();
      headers = partHeaders;
    }

    @Override
    public void partData(Bytes data) {
      assertThat(headers).as("data outside a part").isNotNull();
      assertThat(data.isEmpty()).as("an empty piece").isFalse();
      content.write(data);
    }

    @Override
    public void partEnded() {
      assertThat(headers).as("a part ended outside a part").isNotNull();
      parts.add(new Part(headers, content.readAll().string(StandardCharsets.ISO_8859_1)));
      headers = null;
    }
  }

  private static List<Part> parse(String boundary, Chunks.Split split) {
    Recorder recorder = new Recorder();
    MultipartParser parser = new MultipartParser(boundary, 1000, 8192, recorder);
    split.feed(chunk -> parser.feed(Bytes.wrap(chunk)));
    parser.end();
    return recorder.parts;
  }

  private static Stream<Arguments> splits(String body) {
    return Chunks.all(Wire.latin1(body), 7578).stream().map(Arguments::of);
  }

  /** The example of RFC 7578 section 4.5: a field with a charset and a transfer encoding. */
  static final String RFC_7578 = "--AaB03x\r\n"
      + "content-disposition: form-data; name=\"field1\"\r\n"
      + "content-type: text/plain;charset=UTF-8\r\n"
      + "content-transfer-encoding: quoted-printable\r\n"
      + "\r\n"
      + "Joe owes =E2=82=AC100.\r\n"
      + "--AaB03x--\r\n";

  static Stream<Arguments> rfc7578() {
    return splits(RFC_7578);
  }

  @ParameterizedTest
  @MethodSource("rfc7578")
  void readsTheExampleOfRfc7578(Chunks.Split split) {
    List<Part> parts = parse("AaB03x", split);
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0).headers()).isEqualTo(Headers.of(
        "content-disposition", "form-data; name=\"field1\"",
        "content-type", "text/plain;charset=UTF-8",
        "content-transfer-encoding", "quoted-printable"));
    assertThat(parts.get(0).content()).isEqualTo("Joe owes =E2=82=AC100.");
  }

  /**
   * A body as Chrome sends it, with a preamble and an epilogue, a field, and a file whose bytes
   * come close to the delimiter: a CR LF, a dash run, the boundary without its CR LF, every
   * byte value.
   */
  static final String CHROME_BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
  static final String FILE = "\r\n--" + "\r\n" + CHROME_BOUNDARY + "\r--" + CHROME_BOUNDARY
      + "\n--" + CHROME_BOUNDARY.substring(0, 20) + allBytes() + "\r\n\r";
  static final String CHROME = "a preamble to ignore\r\n"
      + "--" + CHROME_BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"title\"\r\n"
      + "\r\n"
      + "Holiday\r\n"
      + "--" + CHROME_BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"photo\"; filename=\"beach.png\"\r\n"
      + "Content-Type: image/png\r\n"
      + "\r\n"
      + FILE + "\r\n"
      + "--" + CHROME_BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"empty\"\r\n"
      + "\r\n"
      + "\r\n"
      + "--" + CHROME_BOUNDARY + "--\r\n"
      + "an epilogue to ignore, even with --" + CHROME_BOUNDARY + "\r\n";

  static String allBytes() {
    StringBuilder all = new StringBuilder(256);
    for (char c = 0; c < 256; c++) {
      all.append(c);
    }
    return all.toString();
  }

  static Stream<Arguments> chrome() {
    return splits(CHROME);
  }

  @ParameterizedTest
  @MethodSource("chrome")
  void readsABrowserBodyWithBinaryContentNearTheDelimiter(Chunks.Split split) {
    List<Part> parts = parse(CHROME_BOUNDARY, split);
    assertThat(parts).extracting(Part::content).containsExactly("Holiday", FILE, "");
    assertThat(parts.get(1).headers().first("content-type")).contains("image/png");
  }

  /** A body as Firefox sends it: the boundary at the very start, padding after a boundary. */
  static final String FIREFOX_BOUNDARY = "---------------------------735323031399963166993862150";
  static final String FIREFOX = "--" + FIREFOX_BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"text1\"\r\n"
      + "\r\n"
      + "text default\r\n"
      + "--" + FIREFOX_BOUNDARY + " \t \r\n"
      + "Content-Disposition: form-data; name=\"file1\"; filename=\"a.txt\"\r\n"
      + "Content-Type: text/plain\r\n"
      + "\r\n"
      + "Content of a.txt.\r\n\r\n"
      + "--" + FIREFOX_BOUNDARY + "--";

  static Stream<Arguments> firefox() {
    return splits(FIREFOX);
  }

  @ParameterizedTest
  @MethodSource("firefox")
  void readsABodyThatStartsWithItsBoundaryAndHasPadding(Chunks.Split split) {
    assertThat(parse(FIREFOX_BOUNDARY, split)).extracting(Part::content)
        .containsExactly("text default", "Content of a.txt.\r\n");
  }

  static Stream<Arguments> malformed() {
    String part = "Content-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n";
    return Stream.of(
        Arguments.of("no closing boundary", "--b\r\n" + part, 400),
        Arguments.of("no boundary at all", "just text", 400),
        Arguments.of("text after a boundary", "--b\r\n" + part + "--bx\r\n" + part + "--b--", 400),
        Arguments.of("a lone dash after a boundary", "--b-\r\n" + part + "--b--", 400),
        Arguments.of("a header section cut short", "--b\r\nContent-Disposition: form-data", 400),
        Arguments.of("obs-fold", "--b\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nv\r\n"
            + "--b--", 400),
        Arguments.of("a header line without a colon", "--b\r\nname a\r\n\r\nv\r\n--b--", 400),
        Arguments.of("a bare LF in a header", "--b\r\nA: 1\nB: 2\r\n\r\nv\r\n--b--", 400),
        Arguments.of("padding without end", "--b" + " ".repeat(300) + "\r\n" + part + "--b--", 400),
        Arguments.of("a header section too large", "--b\r\nX: " + "x".repeat(200) + "\r\n" + part
            + "--b--", 413),
        Arguments.of("too many parts", ("--b\r\n" + part).repeat(4) + "--b--", 413));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesMalformedBodiesWhateverTheSplit(String what, String body, int status) {
    for (Chunks.Split split : Chunks.all(Wire.latin1(body), 42)) {
      Recorder recorder = new Recorder();
      MultipartParser parser = new MultipartParser("b", 3, 128, recorder);
      assertThatThrownBy(() -> {
        split.feed(chunk -> parser.feed(Bytes.wrap(chunk)));
        parser.end();
      }).as(split.toString()).isInstanceOfSatisfying(HttpError.class,
          error -> assertThat(error.status()).isEqualTo(status));
    }
  }

  @ParameterizedTest
  @MethodSource("invalidBoundaries")
  void refusesInvalidBoundaries(String boundary) {
    assertThatThrownBy(() -> new MultipartParser(boundary, 10, 1024, new Recorder()))
        .isInstanceOfSatisfying(HttpError.class,
            error -> assertThat(error.status()).isEqualTo(400));
  }

  static Stream<String> invalidBoundaries() {
    return Stream.of("", "x".repeat(71), "ends with a space ", "semi;colon", "quote\"", "é");
  }
}
