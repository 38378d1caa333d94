package dev.twine.web.websocket;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the two ends of a connection agreed for permessage-deflate (RFC 7692 section 7.1), read
 * from the server's response: whether each side resets its compression context after every
 * message, and the largest LZ77 window each side may compress with.
 *
 * <p>{@code java.util.zip} always compresses with a 32 KiB (15-bit) window. An end told to use a
 * smaller window therefore sends its messages uncompressed, which RFC 7692 allows message by
 * message; it still inflates what it receives, whatever window the peer used.
 *
 * @param serverNoContextTakeover whether the server resets its compressor after each message
 * @param clientNoContextTakeover whether the client resets its compressor after each message
 * @param serverMaxWindowBits the largest window, in bits (8 to 15), the server may compress with
 * @param clientMaxWindowBits the largest window, in bits (8 to 15), the client may compress with
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
    int serverMaxWindowBits, int clientMaxWindowBits) {

  /** Context takeover on both sides and 15-bit windows: what an offer without parameters gets. */
  public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, 15, 15);

  static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
  static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
  static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
  static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

  /**
   * Validates the parameters.
   *
   * @throws IllegalArgumentException if a window size is not from 8 to 15 bits
   */
  public DeflateParameters {
    checkWindowBits(SERVER_MAX_WINDOW_BITS, serverMaxWindowBits);
    checkWindowBits(CLIENT_MAX_WINDOW_BITS, clientMaxWindowBits);
  }

  private static void checkWindowBits(String name, int bits) {
    if (bits < 8 || bits > 15) {
      throw new IllegalArgumentException(name + " must be from 8 to 15: " + bits);
    }
  }

  /**
   * Returns the parameters a server's {@code permessage-deflate} response agrees to.
   *
   * @throws IllegalArgumentException if the extension is not permessage-deflate, or a parameter
   *     is unknown, repeated, or has a missing or invalid value
   */
  public static DeflateParameters fromResponse(WebSocketExtension response) {
    if (!response.named(PerMessageDeflate.NAME)) {
      throw new IllegalArgumentException("not permessage-deflate: " + response);
    }
    boolean serverReset = false;
    boolean clientReset = false;
    int serverBits = 15;
    int clientBits = 15;
    Set<String> seen = new HashSet<>();
    for (WebSocketExtension.Parameter parameter : response.parameters()) {
      String name = parameter.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new IllegalArgumentException("repeated parameter " + name + " in " + response);
      }
      switch (name) {
        case SERVER_NO_CONTEXT_TAKEOVER -> serverReset = flag(parameter, response);
        case CLIENT_NO_CONTEXT_TAKEOVER -> clientReset = flag(parameter, response);
        case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(parameter, response);
        case CLIENT_MAX_WINDOW_BITS -> clientBits = windowBits(parameter, response);
        default -> throw new IllegalArgumentException(
            "unknown parameter " + parameter.name() + " in " + response);
      }
    }
    return new DeflateParameters(serverReset, clientReset, serverBits, clientBits);
  }

  /** Returns true for a parameter without a value, as the no_context_takeover ones must be. */
  static boolean flag(WebSocketExtension.Parameter parameter, WebSocketExtension extension) {
    if (!parameter.value().isEmpty()) {
      throw new IllegalArgumentException(
          parameter.name() + " takes no value, got " + parameter.value() + " in " + extension);
    }
    return true;
  }

  /** Returns a window size value: a decimal from 8 to 15 without leading zeros. */
  static int windowBits(WebSocketExtension.Parameter parameter, WebSocketExtension extension) {
    String value = parameter.value();
    if (!value.matches("[1-9][0-9]?") || Integer.parseInt(value) < 8 || Integer.parseInt(value) > 15) {
      throw new IllegalArgumentException(parameter.name()
          + " must be a number from 8 to 15, got \"" + value + "\" in " + extension);
    }
    return Integer.parseInt(value);
  }

  /** Returns whether {@code sender} resets its compressor after each message. */
  public boolean noContextTakeover(Role sender) {
    return sender == Role.SERVER ? serverNoContextTakeover : clientNoContextTakeover;
  }

  /** Returns the largest window, in bits, {@code sender} may compress with. */
  public int maxWindowBits(Role sender) {
    return sender == Role.SERVER ? serverMaxWindowBits : clientMaxWindowBits;
  }
}
