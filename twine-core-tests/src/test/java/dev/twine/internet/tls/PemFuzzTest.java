package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes PEM loading: whatever text {@link CertifiedKey#fromPem} and {@link TrustRoots#fromPem}
 * are given (certificates and private keys in PKCS#8, PKCS#1 and SEC1 form, mangled), each returns
 * what it read or fails with a {@link KeyMaterialException} that says what is wrong; nothing else
 * is thrown, and a certified key that comes back has a certificate and a key that belong together.
 *
 * <p>The input is the text, one character per byte.
 */
class PemFuzzTest {

  @FuzzTest
  @Timeout(10)
  void readsPem(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    loadOrRefuse(text, CertifiedKey::fromPem).ifPresent(key -> {
      assertThat(key.chain()).isNotEmpty();
      assertThat(KeyTypes.family(key.key().getAlgorithm()))
          .isEqualTo(KeyTypes.family(key.certificate().getPublicKey().getAlgorithm()));
    });
    loadOrRefuse(text, TrustRoots::fromPem)
        .ifPresent(roots -> assertThat(roots.certificates().orElseThrow()).isNotEmpty());
  }

  /** Returns what {@code load} read from {@code text}, or empty if it refused it as it must. */
  private static <T> Optional<T> loadOrRefuse(String text, Function<String, T> load) {
    try {
      return Optional.of(load.apply(text));
    } catch (KeyMaterialException e) {
      assertThat(e.getMessage()).as("the message of a refusal").isNotBlank();
      return Optional.empty();
    }
  }
}
