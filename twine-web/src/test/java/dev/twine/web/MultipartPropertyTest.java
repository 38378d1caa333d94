package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.MultipartParserTest.Part;
import dev.twine.web.MultipartParserTest.Recorder;
import dev.twine.web.http.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random multipart bodies, with contents made of the bytes that come close to a delimiter, read
 * back as the same parts whether the bytes arrive whole, one at a time or cut at random.
 */
class MultipartPropertyTest {

  @Property(tries = 300)
  void partsReadBackAsWritten(@ForAll("boundaries") String boundary,
      @ForAll("contents") List<String> contents, @ForAll long splitSeed) {
    String delimiter = "\r\n--" + boundary;
    Assume.that(contents.stream().noneMatch(content -> (content + "\r\n").contains(delimiter)
        || ("\r\n" + content).contains(delimiter)));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Part> expected = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      Headers headers = Headers.of("Content-Disposition", "form-data; name=\"f" + i + "\"");
      expected.add(new Part(headers, contents.get(i)));
      body.writeBytes(latin1("--" + boundary + "\r\nContent-Disposition: " + headers.value(0)
          + "\r\n\r\n" + contents.get(i) + "\r\n"));
    }
    body.writeBytes(latin1("--" + boundary + "--\r\n"));

    for (Chunks.Split split : Chunks.all(body.toByteArray(), splitSeed)) {
      Recorder recorder = new Recorder();
      MultipartParser parser = new MultipartParser(boundary, 1000, 8192, recorder);
      split.feed(chunk -> parser.feed(Bytes.wrap(chunk)));
      parser.end();
      assertThat(recorder.parts).as("%s", split).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<String> boundaries() {
    return Arbitraries.strings().withChars("-ab'()+_,./:=?").ofMinLength(1).ofMaxLength(8)
        .filter(boundary -> !boundary.endsWith(" "));
  }

  /** Contents made of CR, LF, dashes and the boundary's letters, so near misses abound. */
  @Provide
  Arbitrary<List<String>> contents() {
    return Arbitraries.strings().withChars("\r\n-ab\u0000\u00ff").ofMaxLength(40)
        .list().ofMinSize(1).ofMaxSize(5);
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
