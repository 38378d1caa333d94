package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.ResponseHead;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The opening handshake, RFC 6455 section 4, on both sides. */
class HandshakeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private static Headers rfcRequestHeaders() {
    return Headers.of("Host", "server.example.com", "Upgrade", "websocket",
        "Connection", "Upgrade", "Sec-WebSocket-Key", KEY, "Origin", "http://example.com",
        "Sec-WebSocket-Protocol", "chat, superchat", "Sec-WebSocket-Version", "13");
  }

  private static RequestHead request(UnaryOperator<Headers> change) {
    return RequestHead.of(HttpMethod.GET, "/chat", change.apply(rfcRequestHeaders()));
  }

  private static HandshakeException refusal(RequestHead head) {
    try {
      ServerHandshake.check(head);
    } catch (HandshakeException e) {
      return e;
    }
    throw new AssertionError("accepted " + head);
  }

  @Test
  void computesTheRfcAcceptKey() {
    assertThat(HandshakeKeys.accept(KEY)).isEqualTo(ACCEPT);
  }

  @Test
  void makesValidKeysFromTheRandomGenerator() {
    String key = HandshakeKeys.newKey(new SplittableRandom(1));
    assertThat(HandshakeKeys.isValidKey(key)).isTrue();
    assertThat(key).isEqualTo(HandshakeKeys.newKey(new SplittableRandom(1)))
        .isNotEqualTo(HandshakeKeys.newKey(new SplittableRandom(2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZX==",
      "dGhlIHNhbXBsZSBub25jZQ==x", "dGhlIHNhbXBsZSBub25j!Q==", "c2FtcGxlIG5vbmNl"})
  void refusesKeysThatAreNot16BytesInCanonicalBase64(String key) {
    assertThat(HandshakeKeys.isValidKey(key)).isFalse();
  }

  @Test
  void readsTheRfcRequest() {
    HandshakeRequest asked = ServerHandshake.check(request(h -> h));
    assertThat(asked).isEqualTo(new HandshakeRequest(KEY, List.of("chat", "superchat"), List.of(),
        Optional.of("http://example.com")));
    assertThat(asked.selectSubprotocol(List.of("superchat", "chat"))).contains("superchat");
    assertThat(asked.selectSubprotocol(List.of("mqtt"))).isEmpty();
  }

  @Test
  void acceptsTokensInAnyCaseAndListsAcrossFields() {
    HandshakeRequest asked = ServerHandshake.check(request(h -> h
        .set("Upgrade", "WebSocket").set("Connection", "keep-alive, UPGRADE")
        .add("Sec-WebSocket-Protocol", "v2.chat")
        .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")
        .add("Sec-WebSocket-Extensions", "foo")));
    assertThat(asked.subprotocols()).containsExactly("chat", "superchat", "v2.chat");
    assertThat(asked.extensions()).extracting(WebSocketExtension::name)
        .containsExactly("permessage-deflate", "foo");
  }

  @Test
  void refusesRequestsThatAreNotHandshakes() {
    assertThat(refusal(new RequestHead(HttpMethod.POST, "/chat", HttpVersion.HTTP_1_1,
        rfcRequestHeaders()))).satisfies(e -> {
          assertThat(e.status()).isEqualTo(405);
          assertThat(e.headers()).isEqualTo(Headers.of("Allow", "GET"));
        });
    assertThat(refusal(new RequestHead(HttpMethod.GET, "/chat", HttpVersion.HTTP_1_0,
        rfcRequestHeaders())).status()).isEqualTo(400);
    HandshakeException noUpgrade = refusal(request(h -> {
      h.remove("Upgrade");
      return h;
    }));
    assertThat(noUpgrade.status()).isEqualTo(426);
    assertThat(noUpgrade.headers().first("Upgrade")).contains("websocket");
    assertThat(refusal(request(h -> h.set("Connection", "keep-alive"))).status()).isEqualTo(426);
    assertThat(refusal(request(h -> h.set("Upgrade", "h2c"))).status()).isEqualTo(426);
    assertThat(ServerHandshake.isUpgrade(request(h -> h.set("Upgrade", "h2c")))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "12", "14", "13, 8", "thirteen"})
  void answersAnotherVersionWithTheOneItSpeaks(String version) {
    HandshakeException e = refusal(request(h -> h.set("Sec-WebSocket-Version", version)));
    assertThat(e.status()).isEqualTo(426);
    assertThat(e.headers()).isEqualTo(Headers.of("Sec-WebSocket-Version", "13"));
    assertThat(refusal(request(h -> h.add("Sec-WebSocket-Version", "13"))).status()).isEqualTo(426);
  }

  @Test
  void refusesBadKeysAndLists() {
    assertThat(refusal(request(h -> h.set("Sec-WebSocket-Key", "short"))).status()).isEqualTo(400);
    assertThat(refusal(request(h -> h.add("Sec-WebSocket-Key", KEY))).reason())
        .contains("one Sec-WebSocket-Key");
    assertThat(refusal(request(h -> {
      h.remove("Sec-WebSocket-Key");
      return h;
    })).status()).isEqualTo(400);
    assertThat(refusal(request(h -> h.set("Sec-WebSocket-Protocol", "chat, a b"))).reason())
        .startsWith("Sec-WebSocket-Protocol: ");
    assertThat(refusal(request(h -> h.add("Sec-WebSocket-Extensions", "foo; ="))).reason())
        .startsWith("Sec-WebSocket-Extensions: ");
    assertThat(refusal(request(h -> h.add("Origin", "http://evil.example"))).reason())
        .contains("more than one Origin");
  }

  @Test
  void writesTheResponseThatAcceptsARequest() {
    HandshakeRequest asked = ServerHandshake.check(request(
        h -> h.add("Sec-WebSocket-Extensions", "permessage-deflate")));
    Agreement agreement = Agreement.NONE.withSubprotocol("chat").withExtensions(
        PerMessageDeflate.DEFAULT.accept(asked.extensions()).stream().toList());
    ResponseHead response = ServerHandshake.response(asked, agreement, Headers.of("Set-Cookie", "a=1"));
    assertThat(response.status()).isEqualTo(101);
    assertThat(response.reason()).isEqualTo("Switching Protocols");
    assertThat(response.headers()).isEqualTo(Headers.of("Upgrade", "websocket",
        "Connection", "Upgrade", "Sec-WebSocket-Accept", ACCEPT, "Sec-WebSocket-Protocol", "chat",
        "Sec-WebSocket-Extensions", "permessage-deflate", "Set-Cookie", "a=1"));
    assertThat(ServerHandshake.response(asked, Agreement.NONE, new Headers()).headers())
        .isEqualTo(Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
            "Sec-WebSocket-Accept", ACCEPT));
  }

  @Test
  void refusesToAcceptWhatWasNotOffered() {
    HandshakeRequest asked = ServerHandshake.check(request(h -> h));
    assertThatThrownBy(() -> ServerHandshake.response(asked,
        Agreement.NONE.withSubprotocol("mqtt"), new Headers()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mqtt was not offered");
    assertThatThrownBy(() -> ServerHandshake.response(asked, Agreement.NONE.withExtensions(
        WebSocketExtension.parse(List.of("permessage-deflate"))), new Headers()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was not offered");
    assertThatThrownBy(() -> ServerHandshake.response(asked, Agreement.NONE,
        Headers.of("sec-websocket-accept", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sets sec-websocket-accept");
  }

  private static ClientHandshake client(String uri, List<String> subprotocols, PerMessageDeflate deflate) {
    return new ClientHandshake(URI.create(uri), KEY, subprotocols, deflate,
        Headers.of("Origin", "http://example.com"));
  }

  @Test
  void writesTheClientRequest() {
    ClientHandshake handshake =
        client("ws://Server.Example.com/chat?room=1", List.of("chat", "superchat"), PerMessageDeflate.DEFAULT);
    RequestHead head = handshake.request();
    assertThat(head.method()).isEqualTo(HttpMethod.GET);
    assertThat(head.target()).isEqualTo("/chat?room=1");
    assertThat(head.headers()).isEqualTo(Headers.of("Host", "server.example.com",
        "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", KEY,
        "Sec-WebSocket-Version", "13", "Sec-WebSocket-Protocol", "chat, superchat",
        "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits",
        "Origin", "http://example.com"));
    assertThat(handshake.host()).isEqualTo("Server.Example.com");
    assertThat(handshake.port()).isEqualTo(80);
    assertThat(handshake.secure()).isFalse();
  }

  @Test
  void namesHostAndPortAsTheUriSays() {
    ClientHandshake tls = client("wss://[::1]:8443", List.of(), PerMessageDeflate.DISABLED);
    assertThat(tls.request().headers().first("Host")).contains("[::1]:8443");
    assertThat(tls.request().target()).isEqualTo("/");
    assertThat(tls.request().headers().contains("Sec-WebSocket-Extensions")).isFalse();
    assertThat(tls.host()).isEqualTo("::1");
    assertThat(tls.port()).isEqualTo(8443);
    assertThat(tls.secure()).isTrue();
    assertThat(client("wss://example.com:443/", List.of(), PerMessageDeflate.DISABLED)
        .request().headers().first("Host")).contains("example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/", "ws:/path", "ws://example.com/#top", "/relative"})
  void refusesUrisThatAreNotWebSocketOnes(String uri) {
    assertThatThrownBy(() -> client(uri, List.of(), PerMessageDeflate.DISABLED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBadClientSettings() {
    assertThatThrownBy(() -> client("ws://a/", List.of("a b"), PerMessageDeflate.DISABLED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> client("ws://a/", List.of("x", "x"), PerMessageDeflate.DISABLED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> new ClientHandshake(URI.create("ws://a/"), "bad", List.of(),
        PerMessageDeflate.DISABLED, new Headers()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sec-WebSocket-Key");
  }

  @Test
  void aClientAcceptsWhatAServerAnswers() {
    ClientHandshake handshake = client("ws://example.com/chat", List.of("chat", "superchat"),
        PerMessageDeflate.DEFAULT);
    HandshakeRequest asked = ServerHandshake.check(handshake.request());
    Agreement agreement = Agreement.NONE
        .withSubprotocol(asked.selectSubprotocol(List.of("superchat")).orElseThrow())
        .withExtensions(PerMessageDeflate.DEFAULT.accept(asked.extensions()).stream().toList());
    Agreement agreed = handshake.check(ServerHandshake.response(asked, agreement, new Headers()));
    assertThat(agreed).isEqualTo(agreement);
    assertThat(agreed.subprotocol()).contains("superchat");
    assertThat(agreed.deflate()).contains(DeflateParameters.DEFAULT);
  }

  private static ResponseHead response(UnaryOperator<Headers> change) {
    return ResponseHead.of(101, change.apply(Headers.of("Upgrade", "websocket",
        "Connection", "Upgrade", "Sec-WebSocket-Accept", ACCEPT)));
  }

  @Test
  void aClientRefusesABadResponse() {
    ClientHandshake handshake = client("ws://example.com/", List.of("chat"), PerMessageDeflate.DISABLED);
    assertThat(handshake.check(response(h -> h))).isEqualTo(Agreement.NONE);
    List<ResponseHead> bad = List.of(
        ResponseHead.of(200, new Headers()),
        ResponseHead.of(403, new Headers()),
        response(h -> h.set("Upgrade", "h2c")),
        response(h -> h.set("Connection", "close")),
        response(h -> h.set("Sec-WebSocket-Accept", "x3JJHMbDL1EzLkh9GBhXDw==")),
        response(h -> h.add("Sec-WebSocket-Accept", ACCEPT)),
        response(h -> h.add("Sec-WebSocket-Protocol", "superchat")),
        response(h -> h.add("Sec-WebSocket-Protocol", "chat, chat")),
        response(h -> h.add("Sec-WebSocket-Extensions", "permessage-deflate")));
    for (ResponseHead response : bad) {
      assertThatThrownBy(() -> handshake.check(response)).as(response.toString())
          .isInstanceOfSatisfying(HandshakeException.class, e -> assertThat(e.status()).isEqualTo(502));
    }
  }

  @Test
  void aClientRefusesExtensionsItDidNotOfferOrCannotRun() {
    ClientHandshake handshake = client("ws://example.com/", List.of(), PerMessageDeflate.DEFAULT);
    for (String answer : List.of("x-webkit-deflate-frame", "permessage-deflate, permessage-deflate",
        "permessage-deflate; mystery", "permessage-deflate; client_max_window_bits")) {
      assertThatThrownBy(() -> handshake.check(response(h -> h.add("Sec-WebSocket-Extensions", answer))))
          .as(answer).isInstanceOf(HandshakeException.class);
    }
    assertThat(handshake.check(response(h -> h.add("Sec-WebSocket-Extensions",
        "permessage-deflate; client_max_window_bits=10"))).deflate().orElseThrow()
        .maxWindowBits(Role.CLIENT)).isEqualTo(10);
  }
}
