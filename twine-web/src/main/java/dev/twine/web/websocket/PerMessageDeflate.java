package dev.twine.web.websocket;

import static dev.twine.web.websocket.DeflateParameters.CLIENT_MAX_WINDOW_BITS;
import static dev.twine.web.websocket.DeflateParameters.CLIENT_NO_CONTEXT_TAKEOVER;
import static dev.twine.web.websocket.DeflateParameters.SERVER_MAX_WINDOW_BITS;
import static dev.twine.web.websocket.DeflateParameters.SERVER_NO_CONTEXT_TAKEOVER;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * How an endpoint uses the permessage-deflate extension (RFC 7692), and its side of the
 * negotiation: a client {@linkplain #offer() offers} it, a server {@linkplain #accept accepts}
 * one of the client's offers, and the client {@linkplain #confirm confirms} the answer.
 *
 * <pre>{@code
 * PerMessageDeflate deflate = PerMessageDeflate.DEFAULT.withCompressionLevel(1);
 * // server
 * Optional<WebSocketExtension> answer = deflate.accept(request.extensions());
 * // client
 * DeflateParameters agreed = deflate.confirm(responseExtension);
 * }</pre>
 *
 * <p>Windows: {@code java.util.zip} compresses with 15-bit windows only. A client therefore offers
 * {@code client_max_window_bits} without a value (it accepts any limit), and a server accepts an
 * offer that limits {@code server_max_window_bits}; an end whose window is limited below 15 bits
 * sends every message uncompressed, and both ends still inflate whatever they receive. A server
 * prefers an offer that leaves its own window at 15 bits, if the client made one.
 *
 * <p>Memory: a compressing connection holds a {@link Deflater} (some 256 KiB) and an {@link
 * java.util.zip.Inflater} (some 40 KiB) for its life, which is why {@link WebSocketOptions#DEFAULT}
 * leaves the extension {@linkplain #DISABLED disabled}.
 *
 * @param enabled whether to offer or accept the extension at all
 * @param compressionLevel the {@link Deflater} level: 0 (none) to 9 (best), or -1 for zlib's
 *     default (6)
 * @param noContextTakeover whether this end resets its compressor after each message, which
 *     costs compression but keeps one message's content from influencing the next one's size
 * @param requestPeerNoContextTakeover whether to ask the peer to reset its compressor after
 *     each message
 * @param minimumSize messages shorter than this many bytes are sent uncompressed, as
 *     compressing them costs more than it saves
 */
public record PerMessageDeflate(boolean enabled, int compressionLevel, boolean noContextTakeover,
    boolean requestPeerNoContextTakeover, int minimumSize) {

  /** The extension's name in {@code Sec-WebSocket-Extensions}. */
  public static final String NAME = "permessage-deflate";

  /** Enabled, zlib's default level, context takeover on both sides, messages from 64 bytes. */
  public static final PerMessageDeflate DEFAULT =
      new PerMessageDeflate(true, Deflater.DEFAULT_COMPRESSION, false, false, 64);

  /** Neither offered nor accepted. */
  public static final PerMessageDeflate DISABLED = DEFAULT.withEnabled(false);

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if the level is not from -1 to 9 or the minimum size is
   *     negative
   */
  public PerMessageDeflate {
    if (compressionLevel < -1 || compressionLevel > 9) {
      throw new IllegalArgumentException("compressionLevel must be from -1 to 9: " + compressionLevel);
    }
    if (minimumSize < 0) {
      throw new IllegalArgumentException("minimumSize cannot be negative: " + minimumSize);
    }
  }

  /** Returns these settings, enabled or not. */
  public PerMessageDeflate withEnabled(boolean enabled) {
    return new PerMessageDeflate(enabled, compressionLevel, noContextTakeover,
        requestPeerNoContextTakeover, minimumSize);
  }

  /** Returns these settings with another compression level. */
  public PerMessageDeflate withCompressionLevel(int level) {
    return new PerMessageDeflate(enabled, level, noContextTakeover,
        requestPeerNoContextTakeover, minimumSize);
  }

  /** Returns these settings with this end's context takeover turned off or on. */
  public PerMessageDeflate withNoContextTakeover(boolean reset) {
    return new PerMessageDeflate(enabled, compressionLevel, reset,
        requestPeerNoContextTakeover, minimumSize);
  }

  /** Returns these settings asking the peer, or not, to turn its context takeover off. */
  public PerMessageDeflate withRequestPeerNoContextTakeover(boolean request) {
    return new PerMessageDeflate(enabled, compressionLevel, noContextTakeover, request,
        minimumSize);
  }

  /** Returns these settings with another size under which messages are sent uncompressed. */
  public PerMessageDeflate withMinimumSize(int size) {
    return new PerMessageDeflate(enabled, compressionLevel, noContextTakeover,
        requestPeerNoContextTakeover, size);
  }

  /** Returns what a client offers in {@code Sec-WebSocket-Extensions}: nothing if disabled. */
  public List<WebSocketExtension> offer() {
    if (!enabled) {
      return List.of();
    }
    List<WebSocketExtension.Parameter> parameters = new ArrayList<>();
    parameters.add(new WebSocketExtension.Parameter(CLIENT_MAX_WINDOW_BITS, ""));
    if (noContextTakeover) {
      parameters.add(new WebSocketExtension.Parameter(CLIENT_NO_CONTEXT_TAKEOVER, ""));
    }
    if (requestPeerNoContextTakeover) {
      parameters.add(new WebSocketExtension.Parameter(SERVER_NO_CONTEXT_TAKEOVER, ""));
    }
    return List.of(new WebSocketExtension(NAME, parameters));
  }

  /**
   * Returns a server's answer to a client's extension offers: the permessage-deflate element of
   * its {@code Sec-WebSocket-Extensions} response, or empty if it declines them all (or the
   * extension is disabled). Offers of other extensions, and invalid permessage-deflate offers
   * (unknown or repeated parameters, invalid values) are skipped, as RFC 7692 section 5 asks.
   */
  public Optional<WebSocketExtension> accept(List<WebSocketExtension> offers) {
    if (!enabled) {
      return Optional.empty();
    }
    @Nullable WebSocketExtension fallback = null;
    for (WebSocketExtension offer : offers) {
      WebSocketExtension answer = offer.named(NAME) ? answer(offer) : null;
      if (answer != null) {
        if (answer.parameter(SERVER_MAX_WINDOW_BITS).map("15"::equals).orElse(true)) {
          return Optional.of(answer);
        }
        fallback = fallback == null ? answer : fallback;
      }
    }
    return Optional.ofNullable(fallback);
  }

  /** Returns the answer that accepts {@code offer}, or null if the offer is invalid. */
  private @Nullable WebSocketExtension answer(WebSocketExtension offer) {
    boolean serverReset = noContextTakeover;
    @Nullable String serverBits = null;
    Set<String> seen = new HashSet<>();
    try {
      for (WebSocketExtension.Parameter parameter : offer.parameters()) {
        String name = parameter.name().toLowerCase(Locale.ROOT);
        if (!seen.add(name)) {
          return null;
        }
        switch (name) {
          case SERVER_NO_CONTEXT_TAKEOVER -> serverReset |= DeflateParameters.flag(parameter, offer);
          case CLIENT_NO_CONTEXT_TAKEOVER -> DeflateParameters.flag(parameter, offer);
          case SERVER_MAX_WINDOW_BITS ->
              serverBits = String.valueOf(DeflateParameters.windowBits(parameter, offer));
          case CLIENT_MAX_WINDOW_BITS -> {
            if (!parameter.value().isEmpty()) {
              DeflateParameters.windowBits(parameter, offer);
            }
          }
          default -> {
            return null;
          }
        }
      }
    } catch (IllegalArgumentException invalid) {
      return null;
    }
    List<WebSocketExtension.Parameter> parameters = new ArrayList<>();
    if (serverReset) {
      parameters.add(new WebSocketExtension.Parameter(SERVER_NO_CONTEXT_TAKEOVER, ""));
    }
    if (requestPeerNoContextTakeover) {
      parameters.add(new WebSocketExtension.Parameter(CLIENT_NO_CONTEXT_TAKEOVER, ""));
    }
    if (serverBits != null) {
      parameters.add(new WebSocketExtension.Parameter(SERVER_MAX_WINDOW_BITS, serverBits));
    }
    return new WebSocketExtension(NAME, parameters);
  }

  /**
   * Returns what a server's answer to this end's {@link #offer()} agrees to.
   *
   * @throws IllegalArgumentException if the answer is not a valid permessage-deflate response,
   *     or leaves out {@code server_no_context_takeover} that this end asked for
   */
  public DeflateParameters confirm(WebSocketExtension answer) {
    DeflateParameters agreed = DeflateParameters.fromResponse(answer);
    if (requestPeerNoContextTakeover && !agreed.serverNoContextTakeover()) {
      throw new IllegalArgumentException(
          "the server left out server_no_context_takeover, which was asked for: " + answer);
    }
    return agreed;
  }
}
