package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectionClosed;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forms read from urlencoded and multipart bodies through a site, and their temporary files. */
@TwineTest
class FormTest {
  static final String BOUNDARY = "----WebKitFormBoundaryQ3kR8tLmZ1";

  @TempDir Path spool;
  private final List<Form> forms = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();
  private final List<Deferred<Form>> held = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();

  private UploadOptions options() {
    return UploadOptions.DEFAULT.withMemoryThreshold(16).withTempDirectory(spool)
        .withMaxParts(5).withMaxFieldSize(100);
  }

  /**
   * {@code /form} answers with the fields and files it read, noting for each file whether it is
   * in memory and, if not, whether its file exists while the form is in use; {@code /hold}
   * keeps the form's Deferred; {@code /early} asks for the form and answers at once.
   */
  private Resource root() {
    Resource root = new Resource();
    root.putChild("form", new Resource().on(HttpMethod.POST, request ->
        Rendered.later(request.form(options()).map(form -> {
          forms.add(form);
          for (List<UploadedFile> files : form.files().values()) {
            for (UploadedFile file : files) {
              seen.add(file.filename() + (file.content().inMemory() ? " in memory"
                  : Files.exists(file.content().file().orElseThrow()) ? " on disk" : " lost"));
            }
          }
          return Bytes.utf8(form.fields().toString());
        }))));
    root.putChild("hold", new Resource().on(HttpMethod.POST, request -> {
      requests.add(request);
      held.add(request.form(options()));
      return Rendered.streaming();
    }));
    root.putChild("early", new Resource().on(HttpMethod.POST, request -> {
      held.add(request.form(options()));
      return Rendered.body("early");
    }));
    root.putChild("ok", new Resource().on(HttpMethod.GET, request -> Rendered.body("ok")));
    return root;
  }

  static String post(String path, String contentType, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: a\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  /** Returns {@code text} encoded in UTF-8, one character per byte, as {@link Wire} sends. */
  static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  static String part(String disposition, String type, String content) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + disposition + "\r\n"
        + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + content + "\r\n";
  }

  static String multipart(String... parts) {
    return String.join("", parts) + "--" + BOUNDARY + "--\r\n";
  }

  static final String UPLOAD = post("/form?page=2", "multipart/form-data; boundary=" + BOUNDARY,
      multipart(
          part("name=\"title\"", "", utf8("Café ☕")),
          part("name=\"tag\"", "", "a"),
          part("name=\"tag\"", "text/plain; charset=ISO-8859-1", "\u00e9t\u00e9"),
          part("name=\"photo\"; filename=\"" + utf8("plage été.png") + "\"", "image/png",
              "\u0089PNG\r\n\u001a\n" + "pixels ".repeat(10)),
          part("name=\"note\"; filename=\"n.txt\"", "", "tiny")))
      + "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n";

  static Stream<Chunks.Split> uploads() {
    return Chunks.all(Wire.latin1(UPLOAD), 2388).stream();
  }

  @ParameterizedTest
  @MethodSource("uploads")
  void readsFieldsAndFilesOfAMultipartBodyWhateverTheSplit(Chunks.Split split, Clock clock)
      throws IOException {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    assertThat(wire.responses()).extracting(Wire.Response::status).containsExactly(200, 200);
    Form form = forms.get(0);
    assertThat(form.field("title")).contains("Café ☕");
    assertThat(form.fields("tag")).containsExactly("a", "été");
    assertThat(form.field("page")).as("query arguments stay in args()").isEmpty();
    UploadedFile photo = form.file("photo").orElseThrow();
    assertThat(photo.field()).isEqualTo("photo");
    assertThat(photo.filename()).isEqualTo("plage été.png");
    assertThat(photo.contentType()).isEqualTo("image/png");
    assertThat(photo.size()).isEqualTo(78);
    UploadedFile note = form.file("note").orElseThrow();
    assertThat(note.contentType()).isEqualTo("application/octet-stream");
    assertThat(note.content().bytes()).isEqualTo(Bytes.ascii("tiny"));
    assertThat(seen).containsExactly("plage été.png on disk", "n.txt in memory");
    assertThat(photo.content().file()).hasValueSatisfying(
        file -> assertThat(file).as("deleted once the response is sent").doesNotExist());
    try (Stream<Path> left = Files.list(spool)) {
      assertThat(left).isEmpty();
    }
    wire.close();
  }

  @Test
  void readsAUrlEncodedBodyApartFromTheQuery(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(post("/form?a=query", "application/x-www-form-urlencoded; charset=UTF-8",
        "a=1&b=two+words&a=%E2%82%AC&c=" + utf8("é") + "&d"));
    assertThat(wire.response().body()).isEqualTo("{a=[1, €], b=[two words], c=[é], d=[]}");
    assertThat(forms.get(0).files()).isEmpty();
    wire.close();
  }

  @Test
  void givesAnEmptyFormForOtherBodiesAndNone(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(post("/form", "text/plain", "a=1"));
    wire.send("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly("{}", "{}");
    wire.close();
  }

  static Stream<Arguments> refusals() {
    String type = "multipart/form-data; boundary=" + BOUNDARY;
    String field = part("name=\"a\"", "", "1");
    return Stream.of(
        Arguments.of(400, "The multipart body ends before its closing boundary.", type, field),
        Arguments.of(400, "The multipart boundary is not valid.", "multipart/form-data", field),
        Arguments.of(400, "A form part has no name.", type,
            multipart(part("filename=\"x\"", "", "1"))),
        Arguments.of(400, "A form part has no Content-Disposition.", type,
            multipart("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n")),
        Arguments.of(400, "A form part is not form-data.", type,
            multipart("--" + BOUNDARY + "\r\nContent-Disposition: inline; name=a\r\n\r\nx\r\n")),
        Arguments.of(400, "The Content-Disposition header has a quoted string that is not closed.",
            type, multipart(part("name=\"a", "", "1"))),
        Arguments.of(413, "The form has more than 5 parts.", type,
            multipart(field, field, field, field, field, field)),
        Arguments.of(413, "The form field \"a\" is larger than 100 bytes.", type,
            multipart(part("name=\"a\"", "", "x".repeat(101)))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void answersABadFormWithItsStatusAndKeepsTheConnection(int status, String detail,
      String contentType, String body, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(post("/form", contentType, body) + "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).extracting(Wire.Response::status).containsExactly(status, 200);
    assertThat(responses.get(0).body()).contains(ErrorPage.escape(detail));
    assertThat(wire.closed()).isFalse();
    assertThat(forms).isEmpty();
    wire.close();
  }

  @Test
  void deletesTheFilesOfAnUploadWhoseClientWentAway(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    String body = multipart(part("name=\"f\"; filename=\"big\"", "", "z".repeat(1000)));
    wire.send(post("/hold", "multipart/form-data; boundary=" + BOUNDARY, body)
        .substring(0, 700));
    assertThat(listSpool()).hasSize(1);
    assertNoResult(held.get(0));

    wire.clientGoesAway();
    assertThat(failureResultOf(held.get(0)).exception()).isInstanceOf(ConnectionClosed.class);
    assertThat(listSpool()).isEmpty();
  }

  @Test
  void givesUpAFormWhoseResponseFinishedFirst(Clock clock) throws IOException {
    Wire wire = new Wire(root(), clock);
    String body = multipart(part("name=\"f\"; filename=\"big\"", "", "z".repeat(1000)));
    String request = post("/early", "multipart/form-data; boundary=" + BOUNDARY, body);
    wire.send(request.substring(0, 700));
    assertThat(failureResultOf(held.get(0)).exception())
        .isInstanceOf(CancelledException.class).hasMessageContaining("finished before");
    assertThat(listSpool()).isEmpty();

    wire.send(request.substring(700) + "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly("early", "ok");
    assertThat(listSpool()).isEmpty();
    wire.close();
  }

  @Test
  void givesEveryCallerTheSameFormAndRefusesOtherReadsOfTheBody(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(post("/hold", "multipart/form-data; boundary=" + BOUNDARY,
        multipart(part("name=\"a\"", "", "1"))));
    Request request = requests.get(0);
    Form form = successResultOf(held.get(0));
    assertThat(form.fields()).containsOnlyKeys("a");
    assertThat(successResultOf(request.form())).isSameAs(form);
    assertThatThrownBy(request::content).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already being delivered");
    request.finish();
    wire.close();
  }

  private List<Path> listSpool() throws IOException {
    try (Stream<Path> files = Files.list(spool)) {
      return files.toList();
    }
  }
}
