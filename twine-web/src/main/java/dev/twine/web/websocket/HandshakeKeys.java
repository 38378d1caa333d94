package dev.twine.web.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The keys of the opening handshake (RFC 6455 section 4): the client's {@code Sec-WebSocket-Key},
 * a random nonce, and the server's {@code Sec-WebSocket-Accept}, which proves that the server
 * understood a WebSocket request and not some other.
 *
 * <pre>{@code
 * HandshakeKeys.accept("dGhlIHNhbXBsZSBub25jZQ==");   // "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
 * }</pre>
 */
public final class HandshakeKeys {
  /** The GUID that RFC 6455 appends to the key before hashing it. */
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private HandshakeKeys() {}

  /**
   * Returns a new {@code Sec-WebSocket-Key}: 16 bytes from {@code random}, in base64. RFC 6455
   * asks for a random nonce, so pass a {@link java.security.SecureRandom} outside tests.
   */
  public static String newKey(RandomGenerator random) {
    byte[] nonce = new byte[16];
    Objects.requireNonNull(random, "random").nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /**
   * Returns whether {@code key} is a valid {@code Sec-WebSocket-Key}: 16 bytes in canonical
   * base64, the 24 characters that encoding them gives.
   */
  public static boolean isValidKey(String key) {
    if (key.length() != 24) {
      return false;
    }
    try {
      byte[] nonce = Base64.getDecoder().decode(key);
      return nonce.length == 16 && Base64.getEncoder().encodeToString(nonce).equals(key);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /**
   * Returns the {@code Sec-WebSocket-Accept} that answers {@code key}: the base64 of the SHA-1
   * of the key followed by RFC 6455's GUID.
   */
  public static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }
}
