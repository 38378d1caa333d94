package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The negotiation of permessage-deflate, RFC 7692 sections 5 and 7.1. */
class PerMessageDeflateTest {
  private static final PerMessageDeflate ON = PerMessageDeflate.DEFAULT;

  private static List<WebSocketExtension> offers(String header) {
    return WebSocketExtension.parse(List.of(header));
  }

  private static Optional<String> answer(PerMessageDeflate deflate, String offers) {
    return deflate.accept(offers(offers)).map(WebSocketExtension::toString);
  }

  @Test
  void aClientOffersAnyClientWindowAndWhatItsSettingsAsk() {
    assertThat(WebSocketExtension.format(ON.offer()))
        .isEqualTo("permessage-deflate; client_max_window_bits");
    assertThat(WebSocketExtension.format(
        ON.withNoContextTakeover(true).withRequestPeerNoContextTakeover(true).offer()))
        .isEqualTo("permessage-deflate; client_max_window_bits; client_no_context_takeover;"
            + " server_no_context_takeover");
    assertThat(PerMessageDeflate.DISABLED.offer()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "permessage-deflate | permessage-deflate",
      "permessage-deflate; client_max_window_bits | permessage-deflate",
      "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
      "permessage-deflate; client_no_context_takeover | permessage-deflate",
      "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
      "permessage-deflate; server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15",
      "permessage-deflate; server_max_window_bits=\"15\" | permessage-deflate; server_max_window_bits=15",
      "PerMessage-Deflate; Server_No_Context_Takeover | permessage-deflate; server_no_context_takeover",
      "x-webkit-deflate-frame, permessage-deflate | permessage-deflate",
  })
  void aServerAcceptsValidOffers(String offers, String answer) {
    assertThat(answer(ON, offers)).contains(answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "x-webkit-deflate-frame",
      "permessage-deflate; unknown",
      "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
      "permessage-deflate; server_no_context_takeover=1",
      "permessage-deflate; server_max_window_bits",
      "permessage-deflate; server_max_window_bits=7",
      "permessage-deflate; server_max_window_bits=16",
      "permessage-deflate; server_max_window_bits=010",
      "permessage-deflate; client_max_window_bits=20",
  })
  void aServerDeclinesInvalidOffers(String offers) {
    assertThat(answer(ON, offers)).isEmpty();
  }

  @Test
  void aServerAcceptsASmallerWindowForWhatItSendsAndThenSendsUncompressed() {
    assertThat(answer(ON, "permessage-deflate; server_max_window_bits=10"))
        .contains("permessage-deflate; server_max_window_bits=10");
    assertThat(DeflateParameters.fromResponse(
        ON.accept(offers("permessage-deflate; server_max_window_bits=10")).orElseThrow())
        .maxWindowBits(Role.SERVER)).isEqualTo(10);
  }

  @Test
  void aServerPrefersAnOfferThatLetsItCompress() {
    assertThat(answer(ON, "permessage-deflate; server_max_window_bits=9, permessage-deflate"))
        .contains("permessage-deflate");
    assertThat(answer(ON, "permessage-deflate; bad, permessage-deflate; server_max_window_bits=9"))
        .contains("permessage-deflate; server_max_window_bits=9");
  }

  @Test
  void aServerSaysWhatItsSettingsAsk() {
    assertThat(answer(ON.withNoContextTakeover(true).withRequestPeerNoContextTakeover(true),
        "permessage-deflate"))
        .contains("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
  }

  @Test
  void aDisabledServerDeclines() {
    assertThat(answer(PerMessageDeflate.DISABLED, "permessage-deflate")).isEmpty();
  }

  @Test
  void aClientReadsWhatTheServerAgreedTo() {
    WebSocketExtension answer = offers("permessage-deflate; server_no_context_takeover;"
        + " client_max_window_bits=12; server_max_window_bits=9").get(0);
    assertThat(ON.confirm(answer)).isEqualTo(new DeflateParameters(true, false, 9, 12));
    assertThat(ON.confirm(offers("permessage-deflate").get(0))).isEqualTo(DeflateParameters.DEFAULT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "permessage-deflate; client_max_window_bits",
      "permessage-deflate; server_max_window_bits",
      "permessage-deflate; foo=1",
      "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
      "permessage-deflate; server_max_window_bits=8; server_max_window_bits=8",
      "permessage-deflate; client_max_window_bits=1",
      "deflate-frame",
  })
  void aClientRefusesInvalidAnswers(String answer) {
    WebSocketExtension extension = offers(answer).get(0);
    assertThatThrownBy(() -> ON.confirm(extension)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientThatAskedForServerNoContextTakeoverInsistsOnIt() {
    PerMessageDeflate asking = ON.withRequestPeerNoContextTakeover(true);
    assertThatThrownBy(() -> asking.confirm(offers("permessage-deflate").get(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server_no_context_takeover");
    assertThat(asking.confirm(offers("permessage-deflate; server_no_context_takeover").get(0))
        .noContextTakeover(Role.SERVER)).isTrue();
  }

  @Test
  void refusesInvalidSettings() {
    assertThatThrownBy(() -> ON.withCompressionLevel(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ON.withMinimumSize(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeflateParameters(false, false, 15, 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client_max_window_bits");
  }
}
