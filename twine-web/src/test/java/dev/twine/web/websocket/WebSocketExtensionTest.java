package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.web.websocket.WebSocketExtension.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing {@code Sec-WebSocket-Extensions}, RFC 6455 section 9.1. */
class WebSocketExtensionTest {

  @Test
  void readsExtensionsWithParametersAcrossFields() {
    List<WebSocketExtension> extensions = WebSocketExtension.parse(List.of(
        "permessage-deflate; client_max_window_bits; server_max_window_bits=10",
        " , foo ;a=\"b\" ;\tc ,, bar"));
    assertThat(extensions).containsExactly(
        WebSocketExtension.of("permessage-deflate", new Parameter("client_max_window_bits", ""),
            new Parameter("server_max_window_bits", "10")),
        WebSocketExtension.of("foo", new Parameter("a", "b"), new Parameter("c", "")),
        WebSocketExtension.of("bar"));
    assertThat(extensions.get(0).parameter("Server_Max_Window_Bits")).contains("10");
    assertThat(extensions.get(0).parameter("client_max_window_bits")).contains("");
    assertThat(extensions.get(0).parameter("missing")).isEmpty();
  }

  @Test
  void readsNothingFromNoField() {
    assertThat(WebSocketExtension.parse(List.of())).isEmpty();
    assertThat(WebSocketExtension.parse(List.of(" , "))).isEmpty();
  }

  @Test
  void writesWhatItReads() {
    String header = "permessage-deflate; client_max_window_bits, foo; a=b";
    assertThat(WebSocketExtension.format(WebSocketExtension.parse(List.of(header))))
        .isEqualTo(header);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "permessage-deflate;",
      "; a",
      "foo bar",
      "foo; a=",
      "foo; a=\"b",
      "foo; a=\"b c\"",
      "foo; a=b=c",
      "fo\u00e9",
      "foo; =b",
  })
  void refusesWhatBreaksTheGrammar(String value) {
    assertThatThrownBy(() -> WebSocketExtension.parse(List.of(value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Sec-WebSocket-Extensions: ");
  }

  @Test
  void refusesNamesAndValuesThatAreNotTokens() {
    assertThatThrownBy(() -> WebSocketExtension.of("a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Parameter("x", "a;b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
