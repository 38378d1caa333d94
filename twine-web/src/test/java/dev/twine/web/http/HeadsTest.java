package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of a message head: methods, targets, statuses, and what they say. */
class HeadsTest {

  @Test
  void methodsAreCaseSensitiveTokens() {
    assertThat(HttpMethod.of("GET")).isSameAs(HttpMethod.GET);
    assertThat(HttpMethod.of("get")).isNotEqualTo(HttpMethod.GET).hasToString("get");
    assertThat(HttpMethod.of("PROPFIND")).isEqualTo(new HttpMethod("PROPFIND"));
    assertThatThrownBy(() -> HttpMethod.of("GE T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("method \"GE T\" has a character that is not allowed in a token:"
            + " U+0020 at index 2");
    assertThatThrownBy(() -> new HttpMethod("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tellsTheFormOfATarget() {
    Headers none = new Headers();
    assertThat(RequestHead.of(HttpMethod.GET, "/a?b", none).targetForm())
        .isEqualTo(TargetForm.ORIGIN);
    assertThat(RequestHead.of(HttpMethod.GET, "https://example.com/a", none).targetForm())
        .isEqualTo(TargetForm.ABSOLUTE);
    assertThat(RequestHead.of(HttpMethod.CONNECT, "example.com:443", none).targetForm())
        .isEqualTo(TargetForm.AUTHORITY);
    assertThat(RequestHead.of(HttpMethod.OPTIONS, "*", none).targetForm())
        .isEqualTo(TargetForm.ASTERISK);
    assertThat(RequestHead.of(HttpMethod.OPTIONS, "http://a/", none).targetForm())
        .isEqualTo(TargetForm.ABSOLUTE);
  }

  @Test
  void refusesTargetsThatWouldNotParse() {
    for (String target : List.of("", "/a b", "/a\r\nX: y", "/caf\u00e9", "/%G0", "/a#top",
        "*", "mailto", "http://", "http://u:p@h/", "http://[::1/")) {
      assertThatThrownBy(() -> RequestHead.of(HttpMethod.GET, target, new Headers()))
          .as(target)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> RequestHead.of(HttpMethod.CONNECT, "/", new Headers()))
        .hasMessage("CONNECT needs a host:port target: character U+002F at index 0 is not"
            + " allowed in a host: \"/\"");
  }

  @Test
  void keepAliveFollowsTheVersionAndConnection() {
    assertThat(head(HttpVersion.HTTP_1_1).keepAlive()).isTrue();
    assertThat(head(HttpVersion.HTTP_1_1, "Connection", "Close").keepAlive()).isFalse();
    assertThat(head(HttpVersion.HTTP_1_0).keepAlive()).isFalse();
    assertThat(head(HttpVersion.HTTP_1_0, "Connection", "Keep-Alive").keepAlive()).isTrue();
    assertThat(head(HttpVersion.HTTP_1_0, "Connection", "keep-alive, close").keepAlive())
        .isFalse();
    assertThat(new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK",
        Headers.of("Connection", "close")).keepAlive()).isFalse();
    assertThat(ResponseHead.of(200, new Headers()).keepAlive()).isTrue();
  }

  private static RequestHead head(HttpVersion version, String... headers) {
    return new RequestHead(HttpMethod.GET, "/", version, Headers.of(headers));
  }

  @Test
  void responsesCarryTheStandardReasonPhrase() {
    assertThat(ResponseHead.of(404, new Headers()).reason()).isEqualTo("Not Found");
    assertThat(ResponseHead.reasonPhrase(413)).isEqualTo("Content Too Large");
    assertThat(ResponseHead.reasonPhrase(431)).isEqualTo("Request Header Fields Too Large");
    assertThat(ResponseHead.reasonPhrase(299)).isEmpty();
    assertThat(ResponseHead.of(103, new Headers()).interim()).isTrue();
    assertThat(ResponseHead.of(200, new Headers()).interim()).isFalse();
  }

  @Test
  void refusesStatusesAndReasonsOutOfRange() {
    assertThatThrownBy(() -> ResponseHead.of(99, new Headers()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be from 100 to 599: 99");
    assertThatThrownBy(() -> ResponseHead.of(600, new Headers()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK\r\nX: y",
        new Headers()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason phrase has a character that is not allowed: U+000D at index 2");
  }

  @Test
  void parseErrorsCarryAnErrorStatus() {
    HttpParseException error = new HttpParseException(431, "too big");

    assertThat(error.status()).isEqualTo(431);
    assertThat(error.reason()).isEqualTo("too big");
    assertThat(error).hasToString("HttpParseException: 431 too big");
    assertThatThrownBy(() -> new HttpParseException(200, "fine"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be from 400 to 599: 200");
  }
}
