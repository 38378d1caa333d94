package dev.twine.internet.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/** Defaults and checks shared by {@link TlsServerOptions} and {@link TlsClientOptions}. */
final class OptionChecks {
  /** TLS 1.3 and 1.2: the versions without known weaknesses. */
  static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> KNOWN_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

  private OptionChecks() {}

  static List<String> protocols(String... protocols) {
    List<String> list = List.of(protocols);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("name at least one TLS version");
    }
    for (String protocol : list) {
      if (!KNOWN_PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("unknown TLS version \"" + protocol + "\"; known: " + KNOWN_PROTOCOLS);
      }
    }
    return distinct(list, "TLS version");
  }

  /** Checks ALPN protocol names (RFC 7301): 1 to 255 bytes each, no repeats. */
  static List<String> alpn(String... protocols) {
    List<String> list = List.of(protocols);
    for (String protocol : list) {
      int length = protocol.getBytes(StandardCharsets.UTF_8).length;
      if (length < 1 || length > 255) {
        throw new IllegalArgumentException("an ALPN protocol name must be 1 to 255 bytes: \"" + protocol + "\"");
      }
    }
    return distinct(list, "ALPN protocol");
  }

  static Duration handshakeTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the handshake timeout must be positive: " + timeout);
    }
    return timeout;
  }

  /** Returns a TLS context with these managers. */
  static SSLContext context(KeyManager @Nullable [] keys, TrustManager @Nullable [] trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /**
   * Returns {@code suites} with each AES-256-GCM suite moved just after its AES-128-GCM twin (such
   * as {@code TLS_AES_128_GCM_SHA256} before {@code TLS_AES_256_GCM_SHA384}), the rest in order.
   * AES-128 matches the strength of the key exchanges offered (X25519, P-256), and its SHA-256
   * key schedule and transcript hash cost a server less per handshake than SHA-384 does.
   */
  static String[] preferAes128(String[] suites) {
    Set<String> offered = Set.of(suites);
    Set<String> placed = new HashSet<>();
    List<String> ordered = new ArrayList<>(suites.length);
    for (String suite : suites) {
      String twin = suite.replace("_AES_256_GCM_SHA384", "_AES_128_GCM_SHA256");
      if (!twin.equals(suite) && offered.contains(twin) && placed.add(twin)) {
        ordered.add(twin);
      }
      if (placed.add(suite)) {
        ordered.add(suite);
      }
    }
    return ordered.toArray(String[]::new);
  }

  private static List<String> distinct(List<String> list, String what) {
    Set<String> seen = new HashSet<>();
    for (String item : list) {
      if (!seen.add(item)) {
        throw new IllegalArgumentException(what + " \"" + item + "\" is given twice");
      }
    }
    return list;
  }
}
