package dev.twine.web.websocket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the opening handshake settled: the subprotocol the server selected, if any, and the
 * extensions it accepted, as its response listed them. A {@link WebSocketConnection} runs with
 * it.
 *
 * <pre>{@code
 * Agreement agreement = Agreement.NONE.withSubprotocol("chat");
 * }</pre>
 *
 * @param subprotocol the selected subprotocol, empty if none
 * @param extensions the accepted extensions; permessage-deflate is the only one Twine runs
 */
public record Agreement(Optional<String> subprotocol, List<WebSocketExtension> extensions) {
  /** No subprotocol, no extension. */
  public static final Agreement NONE = new Agreement(Optional.empty(), List.of());

  /**
   * Validates the agreement.
   *
   * @throws IllegalArgumentException if the subprotocol is not a token, an extension is not
   *     permessage-deflate, or permessage-deflate is listed twice or with invalid parameters
   */
  public Agreement {
    Objects.requireNonNull(subprotocol, "subprotocol");
    subprotocol.ifPresent(name -> {
      if (!HandshakeSyntax.isToken(name)) {
        throw new IllegalArgumentException("a subprotocol must be a token: \"" + name + "\"");
      }
    });
    extensions = List.copyOf(extensions);
    for (WebSocketExtension extension : extensions) {
      if (!extension.named(PerMessageDeflate.NAME)) {
        throw new IllegalArgumentException("unsupported extension: " + extension);
      }
      DeflateParameters.fromResponse(extension);
    }
    if (extensions.size() > 1) {
      throw new IllegalArgumentException("permessage-deflate agreed more than once: " + extensions);
    }
  }

  /** Returns this agreement with {@code subprotocol} selected. */
  public Agreement withSubprotocol(String subprotocol) {
    return new Agreement(Optional.of(subprotocol), extensions);
  }

  /** Returns this agreement with {@code extensions} accepted instead. */
  public Agreement withExtensions(List<WebSocketExtension> extensions) {
    return new Agreement(subprotocol, extensions);
  }

  /** Returns the permessage-deflate parameters, if the extension was accepted. */
  public Optional<DeflateParameters> deflate() {
    return extensions.stream().findFirst().map(DeflateParameters::fromResponse);
  }
}
