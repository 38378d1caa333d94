package dev.twine.internet.tls;

import java.util.Locale;

/** Names of key algorithms as keys, certificates and the JDK's key managers spell them. */
final class KeyTypes {
  private KeyTypes() {}

  /**
   * Returns the family of a key algorithm or of a key type a key manager is asked for: {@code RSA}
   * (with RSASSA-PSS), {@code EC}, {@code EdDSA} (with Ed25519 and Ed448), or the name itself.
   * Key types such as {@code EC_EC} count by their first part.
   */
  static String family(String algorithm) {
    String first = algorithm.contains("_") ? algorithm.substring(0, algorithm.indexOf('_')) : algorithm;
    return switch (first.toUpperCase(Locale.ROOT)) {
      case "RSA", "RSASSA-PSS" -> "RSA";
      case "EC", "ECDSA" -> "EC";
      case "EDDSA", "ED25519", "ED448" -> "EdDSA";
      default -> first;
    };
  }

  /**
   * Returns whether a key of algorithm {@code keyAlgorithm} serves the key type {@code keyType} a
   * key manager is asked for. RSASSA-PSS keys serve only that type, and it only them.
   */
  static boolean serves(String keyAlgorithm, String keyType) {
    if (keyAlgorithm.equals("RSASSA-PSS") || keyType.equals("RSASSA-PSS")) {
      return keyAlgorithm.equals(keyType);
    }
    return family(keyAlgorithm).equals(family(keyType));
  }
}
